using Xunit.Abstractions;
using ZabActors.Actors;
using ZabActors.Hocon;

namespace ZabActors.Remote.Tests;

/// <summary>How a system gets remoting, what its address is, and how paths are resolved.</summary>
public sealed class RemoteSetupSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task A_remoting_system_is_addressed_by_its_bound_host_and_port()
    {
        await using var a = RemoteNode.Start(1, output);
        var actor = a.System.ActorOf(Echo.Props(), "echo");

        var address = a.System.Provider.DefaultAddress;
        Assert.Equal("zab.tcp", address.Protocol);
        Assert.Equal(RemoteNode.SystemName, address.System);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
        Assert.Equal(a.Remoting.RemoteAddress, address.ToRemoteAddress());
        Assert.Equal($"zab.tcp://zab@127.0.0.1:{address.Port}/user/echo", actor.Path.ToString());
        Assert.IsType<RemoteActorRefProvider>(a.System.Provider);
    }

    [Fact]
    public async Task ActorSystem_Create_with_WithRemoting_builds_a_node_that_others_reach()
    {
        await using var b = RemoteNode.Start(2, output);
        var setup = ActorSystemSetup.Empty.WithRemoting("peer", RemoteSetup.Create(TestNode.FastSettings, nodeId: 1));
        var system = ActorSystem.Create("peer", Config.Empty, setup);
        try
        {
            system.ActorOf(Echo.Props(), "echo");
            var probe = b.CreateProbe();
            b.System.Provider.ResolveActorRef($"{system.GetRemoting().Address}/user/echo").Tell("hi", probe.Ref);
            Assert.Equal("hi", await probe.ExpectMsgAsync<string>());
        }
        finally
        {
            await system.Terminate();
            await system.GetRemoting().WhenShutdown.WaitAsync(Waiting.Timeout);
        }
    }

    [Fact]
    public async Task Paths_that_name_no_reachable_actor_resolve_to_dead_letter_refs_without_throwing()
    {
        await using var a = RemoteNode.Start(1, output);
        var provider = a.System.Provider;

        foreach (var path in new[] { "zab://elsewhere/user/a", "not a path", "zab.tcp:// /user/a", "/user/a#notanumber", "zab.tcp://zab@host/user/a" })
        {
            var resolved = provider.ResolveActorRef(path);
            Assert.IsNotType<RemoteActorRef>(resolved);
            resolved.Tell("void", ActorRefs.NoSender);
        }
        await Eventually.True(() => a.System.DeadLetterCount == 5, "five dead letters");
    }

    [Fact]
    public async Task A_setup_serves_one_system_and_a_deterministic_runtime_is_refused()
    {
        var remote = RemoteSetup.Create(TestNode.FastSettings, nodeId: 1);
        var setup = ActorSystemSetup.Empty.WithRemoting("zab", remote, out var remoting);
        var first = ActorSystem.Create("zab", Config.Empty, setup);
        try
        {
            var reuse = Assert.Throws<InvalidOperationException>(() => ActorSystem.Create("zab", Config.Empty, setup));
            Assert.Contains("serves one actor system", reuse.Message);
        }
        finally
        {
            await first.Terminate();
            await remoting.WhenShutdown.WaitAsync(Waiting.Timeout);
        }

        var deterministic = ActorSystemSetup.Deterministic(new DeterministicRuntime(seed: 1)).WithRemoting("zab", remote, out var refused);
        var error = Assert.Throws<NotSupportedException>(() => ActorSystem.Create("zab", Config.Empty, deterministic));
        Assert.Contains("thread-pool runtime", error.Message);
        await refused.WhenShutdown.WaitAsync(Waiting.Timeout);
    }

    [Fact]
    public void A_system_without_remoting_says_how_to_get_it()
    {
        using var plain = ActorSystem.Create("plain");

        var error = Assert.Throws<InvalidOperationException>(() => plain.GetRemoting());
        Assert.Contains("WithRemoting", error.Message);
    }

    [Fact]
    public void Address_conversion_keeps_every_part_and_refuses_addresses_without_a_location()
    {
        var remote = RemoteAddress.Parse("zab.tcp://zab@10.0.0.1:2881");

        Assert.Equal(Address.Parse("zab.tcp://zab@10.0.0.1:2881"), remote.ToActorAddress());
        Assert.Equal(remote, remote.ToActorAddress().ToRemoteAddress());
        Assert.False(Address.Local("zab").TryToRemoteAddress(out _));
        Assert.Throws<ArgumentException>(() => Address.Local("zab").ToRemoteAddress());
    }
}
