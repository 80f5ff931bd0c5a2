using Xunit.Abstractions;
using ZabActors.Actors;

namespace ZabActors.Remote.Tests;

/// <summary>Watching actors of other nodes: their stop, their node's shutdown and their node's disappearance.</summary>
public sealed class RemoteDeathWatchSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Watcher_receives_Terminated_when_the_remote_actor_stops()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var (target, probe, remote) = await WatchTargetAsync(a, b);

        a.System.Stop(target);

        await ExpectTerminatedAsync(probe, remote, existenceConfirmed: true, addressTerminated: false);
        await Eventually.True(() => b.Remoting.Provider.Watcher.WatchingCount == 0, "b to forget the watch");
        Assert.Equal(0, a.Remoting.Provider.Watcher.WatchedByCount);
    }

    [Fact]
    public async Task Watching_a_remote_path_where_no_actor_lives_yields_Terminated_at_once()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var probe = b.CreateProbe();
        var missing = b.System.Provider.ResolveActorRef(a.PathOf("/user/missing"));

        await probe.WatchAsync(missing);

        var terminated = await probe.ExpectMsgAsync<Terminated>();
        Assert.Same(missing, terminated.ActorRef);
        Assert.False(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public async Task Watcher_receives_Terminated_when_the_remote_node_terminates_its_actor_system()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var (_, probe, remote) = await WatchTargetAsync(a, b);

        await a.System.Terminate();

        // The actor's own notification is queued before remoting says goodbye, so it arrives first.
        var terminated = await probe.ExpectMsgAsync<Terminated>();
        Assert.Same(remote, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task Watcher_receives_address_terminated_Terminated_when_the_remote_node_shuts_remoting_down()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var (_, probe, remote) = await WatchTargetAsync(a, b);

        // The actor keeps running: only the node's association goes away.
        await a.Remoting.ShutdownAsync();

        await ExpectTerminatedAsync(probe, remote, existenceConfirmed: false, addressTerminated: true);
    }

    [Fact]
    public async Task Watcher_receives_address_terminated_Terminated_when_the_remote_node_falls_silent()
    {
        await using var a = RemoteNode.Start(1, output, RemoteNode.QuickFailureDetection);
        await using var b = RemoteNode.Start(2, output, RemoteNode.QuickFailureDetection, withFailureInjector: true);
        var (_, probe, remote) = await WatchTargetAsync(a, b);

        b.Remoting.Partition(a.Address);

        await ExpectTerminatedAsync(probe, remote, existenceConfirmed: false, addressTerminated: true);
        // Node a saw b vanish as well and dropped b's watch of its actor.
        await Eventually.True(() => a.Remoting.Provider.Watcher.WatchedByCount == 0, "a to drop the watch of the vanished b");
    }

    [Fact]
    public async Task Unwatch_removes_the_watch_on_both_nodes()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var (target, probe, remote) = await WatchTargetAsync(a, b);

        await probe.UnwatchAsync(remote);

        Assert.Equal(0, b.Remoting.Provider.Watcher.WatchingCount);
        await Eventually.True(() => a.Remoting.Provider.Watcher.WatchedByCount == 0, "the unwatch to reach node a");
        // The stop is no longer reported: the next message the probe sees is the echo sent after it.
        a.System.Stop(target);
        var other = a.System.ActorOf(Echo.Props(), "other");
        b.System.Provider.ResolveActorRef(a.PathOf("/user/other")).Tell("after", probe.Ref);
        Assert.Equal("after", await probe.ExpectMsgAsync<string>());
        Assert.NotNull(other);
    }

    [Fact]
    public async Task Stopping_a_remote_ref_stops_the_actor_on_its_node()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var target = a.System.ActorOf(Echo.Props(), "target");
        var localProbe = a.CreateProbe();
        await localProbe.WatchAsync(target);

        b.System.Stop(b.System.Provider.ResolveActorRef(a.PathOf("/user/target")));

        Assert.Same(target, (await localProbe.ExpectMsgAsync<Terminated>()).ActorRef);
    }

    [Fact]
    public async Task Two_nodes_watching_a_third_both_learn_of_its_shutdown_and_keep_talking()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var c = RemoteNode.Start(3, output);
        c.System.ActorOf(Echo.Props(), "target");
        b.System.ActorOf(Echo.Props(), "echo");
        var probeA = a.CreateProbe();
        var probeB = b.CreateProbe();
        var onA = a.System.Provider.ResolveActorRef(c.PathOf("/user/target"));
        var onB = b.System.Provider.ResolveActorRef(c.PathOf("/user/target"));
        await probeA.WatchAsync(onA);
        await probeB.WatchAsync(onB);
        await Eventually.True(() => c.Remoting.Provider.Watcher.WatchedByCount == 2, "both watches to reach node c");

        await c.DisposeAsync();

        Assert.Same(onA, (await probeA.ExpectMsgAsync<Terminated>()).ActorRef);
        Assert.Same(onB, (await probeB.ExpectMsgAsync<Terminated>()).ActorRef);
        a.System.Provider.ResolveActorRef(b.PathOf("/user/echo")).Tell("still here", probeA.Ref);
        Assert.Equal("still here", await probeA.ExpectMsgAsync<string>());
    }

    /// <summary>Starts <c>target</c> on node <paramref name="a"/> and has a probe on node <paramref name="b"/> watch it, once the watch has reached a.</summary>
    private static async Task<(IActorRef Target, ActorProbe Probe, IActorRef Remote)> WatchTargetAsync(RemoteNode a, RemoteNode b)
    {
        var target = a.System.ActorOf(Echo.Props(), "target");
        var probe = b.CreateProbe();
        var remote = b.System.Provider.ResolveActorRef(a.PathOf("/user/target"));
        await probe.WatchAsync(remote);
        await Eventually.True(() => a.Remoting.Provider.Watcher.WatchedByCount == 1, "the watch to reach node a");
        return (target, probe, remote);
    }

    /// <summary>Expects the probe's next message to be the Terminated of <paramref name="watched"/>, with the given flags.</summary>
    private static async Task ExpectTerminatedAsync(ActorProbe probe, IActorRef watched, bool existenceConfirmed, bool addressTerminated)
    {
        var terminated = await probe.ExpectMsgAsync<Terminated>();
        Assert.Same(watched, terminated.ActorRef);
        Assert.Equal(existenceConfirmed, terminated.ExistenceConfirmed);
        Assert.Equal(addressTerminated, terminated.AddressTerminated);
    }
}
