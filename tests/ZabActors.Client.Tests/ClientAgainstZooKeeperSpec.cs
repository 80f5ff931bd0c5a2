using System.Text;
using System.Threading.Channels;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Prep;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.Client.Tests;

/// <summary>
/// Our client against Apache ZooKeeper 3.8 itself: every operation, its errors, watches and sessions
/// behave as the reference server answers them, which also checks our wire records byte for byte.
/// </summary>
[Collection(ApacheZooKeeperCollection.Name)]
public sealed class ClientAgainstZooKeeperSpec(ApacheZooKeeper zookeeper) : IAsyncLifetime
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(10);
    private readonly string root = $"/t{Guid.NewGuid():N}";
    private ZooKeeperClient client = null!;

    public async Task InitializeAsync()
    {
        client = await ZooKeeperClient.ConnectAsync(zookeeper.ConnectString, new ZooKeeperClientOptions { SessionTimeout = TimeSpan.FromSeconds(6) });
        await client.CreateAsync(root, []);
    }

    public async Task DisposeAsync() => await client.CloseAsync();

    [Fact]
    public async Task Create_get_set_and_delete_round_trip_with_stats()
    {
        var path = await client.CreateAsync($"{root}/a", Bytes("one"));
        var (data, stat) = await client.GetDataAsync(path);
        var after = await client.SetDataAsync(path, Bytes("two"), version: 0);

        Assert.Equal($"{root}/a", path);
        Assert.Equal("one", Encoding.UTF8.GetString(data!));
        Assert.Equal((0, 3), (stat.Version, stat.DataLength));
        Assert.Equal(1, after.Version);
        Assert.True(after.Mzxid > stat.Mzxid);
        var badVersion = await Assert.ThrowsAsync<KeeperException>(() => client.SetDataAsync(path, [], version: 0));
        Assert.Equal(ErrorCode.BadVersion, badVersion.Code);
        await client.DeleteAsync(path, 1);
        Assert.Null(await client.ExistsAsync(path));
    }

    [Fact]
    public async Task Errors_come_back_with_ZooKeepers_codes()
    {
        Assert.Equal(ErrorCode.NoNode, (await Assert.ThrowsAsync<KeeperException>(() => client.GetDataAsync($"{root}/missing"))).Code);
        await client.CreateAsync($"{root}/p", []);
        await client.CreateAsync($"{root}/p/c", []);
        Assert.Equal(ErrorCode.NodeExists, (await Assert.ThrowsAsync<KeeperException>(() => client.CreateAsync($"{root}/p", []))).Code);
        Assert.Equal(ErrorCode.NotEmpty, (await Assert.ThrowsAsync<KeeperException>(() => client.DeleteAsync($"{root}/p"))).Code);
        await client.CreateAsync($"{root}/e", [], CreateMode.Ephemeral);
        Assert.Equal(ErrorCode.NoChildrenForEphemerals, (await Assert.ThrowsAsync<KeeperException>(() => client.CreateAsync($"{root}/e/x", []))).Code);
    }

    [Fact]
    public async Task Sequential_nodes_get_ten_digit_counters_and_create2_returns_the_stat()
    {
        var first = await client.CreateAsync($"{root}/s-", [], CreateMode.PersistentSequential);
        var (second, stat) = await client.Create2Async($"{root}/s-", [1, 2], CreateMode.EphemeralSequential);

        Assert.Equal($"{root}/s-0000000000", first);
        Assert.Equal($"{root}/s-0000000001", second);
        Assert.Equal(client.SessionId, stat.EphemeralOwner);
        Assert.Equal(2, stat.DataLength);
        Assert.Equal(2, (await client.GetChildrenAsync(root)).Count);
        Assert.Equal(2, await client.GetAllChildrenNumberAsync(root));
        Assert.Equal([second], await client.GetEphemeralsAsync(root));
    }

    [Fact]
    public async Task Ephemerals_vanish_when_their_session_closes()
    {
        var other = await ZooKeeperClient.ConnectAsync(zookeeper.ConnectString);
        await other.CreateAsync($"{root}/eph", [], CreateMode.Ephemeral);
        Assert.NotNull(await client.ExistsAsync($"{root}/eph"));

        await other.CloseAsync();

        Assert.Null(await client.ExistsAsync($"{root}/eph"));
    }

    [Fact]
    public async Task A_data_watch_fires_once()
    {
        var events = Channel.CreateUnbounded<WatchedEvent>();
        await client.CreateAsync($"{root}/w", []);
        await client.GetDataAsync($"{root}/w", e => events.Writer.TryWrite(e));

        await client.SetDataAsync($"{root}/w", [1]);
        await client.SetDataAsync($"{root}/w", [2]);
        await client.SyncAsync($"{root}/w");

        var fired = await events.Reader.ReadAsync().AsTask().WaitAsync(EventWait);
        Assert.Equal(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, $"{root}/w"), fired);
        // Events reach watchers in the order the server sent them: a later marker event comes next,
        // so a second firing of the one-shot watch would have to show up before it.
        await client.ExistsAsync($"{root}/marker", e => events.Writer.TryWrite(e));
        await client.CreateAsync($"{root}/marker", []);
        var next = await events.Reader.ReadAsync().AsTask().WaitAsync(EventWait);
        Assert.Equal(new WatchedEvent(EventType.NodeCreated, KeeperState.SyncConnected, $"{root}/marker"), next);
    }

    [Fact]
    public async Task Exists_and_child_watches_fire_on_create()
    {
        var events = Channel.CreateUnbounded<WatchedEvent>();
        Assert.Null(await client.ExistsAsync($"{root}/later", e => events.Writer.TryWrite(e)));
        await client.GetChildrenAsync(root, e => events.Writer.TryWrite(e));

        await client.CreateAsync($"{root}/later", []);

        var first = await events.Reader.ReadAsync().AsTask().WaitAsync(EventWait);
        var second = await events.Reader.ReadAsync().AsTask().WaitAsync(EventWait);
        Assert.Equal([EventType.NodeCreated, EventType.NodeChildrenChanged], new[] { first.Type, second.Type }.Order());
    }

    [Fact]
    public async Task A_recursive_persistent_watch_hears_the_whole_subtree_and_stays()
    {
        var events = Channel.CreateUnbounded<WatchedEvent>();
        await client.AddWatchAsync(root, AddWatchMode.PersistentRecursive, e => events.Writer.TryWrite(e));

        await client.CreateAsync($"{root}/r", []);
        await client.CreateAsync($"{root}/r/deep", []);
        await client.SetDataAsync($"{root}/r/deep", [1]);

        var types = new List<(EventType, string?)>();
        for (var i = 0; i < 3; i++)
        {
            var e = await events.Reader.ReadAsync().AsTask().WaitAsync(EventWait);
            types.Add((e.Type, e.Path));
        }
        Assert.Equal([(EventType.NodeCreated, $"{root}/r"), (EventType.NodeCreated, $"{root}/r/deep"), (EventType.NodeDataChanged, $"{root}/r/deep")], types);
    }

    [Fact]
    public async Task A_multi_is_all_or_nothing()
    {
        var results = await client.MultiAsync([
            new CreateOp(OpCode.Create, $"{root}/m1", [], Acl.OpenUnsafe, 0),
            new CreateOp(OpCode.Create, $"{root}/m2", [], Acl.OpenUnsafe, 0),
            new SetDataOp($"{root}/m1", [1], 0),
        ]);
        Assert.Equal([OpCode.Create, OpCode.Create, OpCode.SetData], results.Select(r => r.Type));

        var failure = await Assert.ThrowsAsync<KeeperException>(() => client.MultiAsync([
            new CreateOp(OpCode.Create, $"{root}/m3", [], Acl.OpenUnsafe, 0),
            new CheckVersionOp($"{root}/m1", 0),
        ]));

        Assert.Equal(ErrorCode.BadVersion, failure.Code);
        Assert.Null(await client.ExistsAsync($"{root}/m3"));
    }

    [Fact]
    public async Task Digest_acls_and_whoAmI()
    {
        await client.AddAuthAsync("digest", "alice:secret");
        var alice = new Id("digest", AuthIds.DigestOf("alice:secret"));
        await client.CreateAsync($"{root}/private", Bytes("x"), acl: [new Acl(Perms.All, Id.AuthIds)]);

        var (acl, _) = await client.GetAclAsync($"{root}/private");
        var stranger = await ZooKeeperClient.ConnectAsync(zookeeper.ConnectString);
        var denied = await Assert.ThrowsAsync<KeeperException>(() => stranger.GetDataAsync($"{root}/private"));
        var ids = await client.WhoAmIAsync();
        await stranger.CloseAsync();

        Assert.Equal([new Acl(Perms.All, alice)], acl.ToArray());
        Assert.Equal(ErrorCode.NoAuth, denied.Code);
        Assert.Contains(ids, id => id.Scheme == "digest" && id.Value == "alice");
    }

    [Fact]
    public async Task Ttl_and_container_nodes_show_clients_no_ephemeral_owner()
    {
        var (_, ttl) = await client.Create2Async($"{root}/ttl", [], CreateMode.PersistentWithTtl, ttlMs: 60_000);
        var (_, container) = await client.Create2Async($"{root}/container", [], CreateMode.Container);

        Assert.Equal(0, ttl.EphemeralOwner);
        Assert.Equal(0, container.EphemeralOwner);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
