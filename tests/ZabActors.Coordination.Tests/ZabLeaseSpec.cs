using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using ZabActors.Client;
using ZabActors.Client.Tests;

namespace ZabActors.Coordination.Tests;

/// <summary>
/// The lease through Akka's LeaseProvider, on a ZooKeeper-protocol ensemble (Apache ZooKeeper 3.8 here):
/// one owner at a time, growing fencing tokens, idempotent acquire and release, the lost callback, and
/// configuration errors at startup.
/// </summary>
[Collection(ApacheZooKeeperCollection.Name)]
public sealed class ZabLeaseSpec(ApacheZooKeeper zookeeper) : IAsyncLifetime
{
    private readonly string root = $"/leases-{Guid.NewGuid():N}";
    private readonly List<ActorSystem> systems = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var system in systems)
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task One_owner_at_a_time_and_each_grant_has_a_larger_fencing_token()
    {
        var a = Lease("orders", "node-a");
        var b = Lease("orders", "node-b");

        Assert.True(await a.Acquire());
        Assert.False(await b.Acquire());
        Assert.True(a.CheckLease());
        Assert.False(b.CheckLease());
        var first = a.FencingToken;
        Assert.True(await a.Release());
        Assert.True(await b.Acquire());

        Assert.True(b.FencingToken > first);
    }

    [Fact]
    public async Task Acquire_and_release_are_idempotent()
    {
        var a = Lease("idem", "node-a");

        Assert.True(await a.Acquire());
        Assert.True(await a.Acquire());
        Assert.True(await a.Release());
        Assert.False(await a.Release());
        Assert.True(await Lease("idem", "node-b").Acquire());
    }

    [Fact]
    public async Task A_holder_whose_session_ends_is_told_and_the_lease_passes_on()
    {
        var system = NewSystem();
        var a = (ZabLease)LeaseProvider.Get(system).GetLease("single", ZabLeaseConfig.Path, "node-a");
        var lost = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await a.Acquire(e => lost.TrySetResult(e)));

        var session = await ZabLeaseClients.Get(system).GetAsync(ZabLeaseSettings.Create(a.Settings));
        await session.CloseAsync();

        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<LeaseTimeoutException>(reason);
        Assert.False(a.CheckLease());
        Assert.True(await Lease("single", "node-b").Acquire());
    }

    [Fact]
    public async Task A_stale_release_never_deletes_the_next_holders_lease()
    {
        var a = Lease("stale", "node-a");
        Assert.True(await a.Acquire());
        await using var operatorClient = await ZooKeeperClient.ConnectAsync(zookeeper.ConnectString);
        await operatorClient.DeleteAsync($"{root}/stale");
        var b = Lease("stale", "node-b");
        Assert.True(await b.Acquire());

        Assert.False(await a.Release());

        Assert.True(b.CheckLease());
        Assert.NotNull(await operatorClient.ExistsAsync($"{root}/stale"));
    }

    [Fact]
    public async Task A_deleted_lease_znode_is_a_lost_lease()
    {
        var a = Lease("deleted", "node-a");
        var lost = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await a.Acquire(e => lost.TrySetResult(e)));
        await using var operatorClient = await ZooKeeperClient.ConnectAsync(zookeeper.ConnectString);

        await operatorClient.DeleteAsync($"{root}/deleted");

        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(a.CheckLease());
    }

    [Fact]
    public async Task A_lease_named_after_an_actor_path_is_one_escaped_znode()
    {
        // Cluster Singleton names its lease "{system}-singleton-{manager's actor path}".
        const string name = "orders-singleton-akka://orders/user/singleton";
        var a = Lease(name, "node-a");

        Assert.True(await a.Acquire());
        Assert.False(await Lease(name, "node-b").Acquire());

        await using var operatorClient = await ZooKeeperClient.ConnectAsync(zookeeper.ConnectString);
        var (data, stat) = await operatorClient.GetDataAsync($"{root}/orders-singleton-akka%3A%2F%2Forders%2Fuser%2Fsingleton");
        Assert.Equal("node-a", System.Text.Encoding.UTF8.GetString(data!));
        Assert.Equal(a.FencingToken, stat.Czxid);
    }

    [Theory]
    [InlineData("connect-string = \"\"", "connect-string is empty")]
    [InlineData("connect-string = \"no-port\"", "is not host:port")]
    [InlineData("lease-root = \"relative\"", "lease-root")]
    public void Bad_configuration_fails_when_the_lease_is_created(string setting, string message)
    {
        var system = NewSystem(setting);

        var error = Assert.ThrowsAny<Exception>(() => LeaseProvider.Get(system).GetLease("x", ZabLeaseConfig.Path, "owner"));

        Assert.Contains(message, Flatten(error));
    }

    private ZabLease Lease(string name, string owner) =>
        (ZabLease)LeaseProvider.Get(NewSystem()).GetLease(name, ZabLeaseConfig.Path, owner);

    private ActorSystem NewSystem(string extra = "")
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            {{ZabLeaseConfig.Path}} {
              connect-string = "{{zookeeper.ConnectString}}"
              lease-root = "{{root}}"
              session-timeout = 4s
              {{extra}}
            }
            """).WithFallback(ZabLeaseConfig.Default);
        var system = ActorSystem.Create($"lease-{systems.Count}", config);
        systems.Add(system);
        return system;
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
