using System.Net;
using System.Threading.Channels;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;
using ZabActors.ZooKeeper.Protocol;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.Client;

/// <summary>
/// An asynchronous ZooKeeper client (ZooKeeper 3.8's client protocol, so it talks to ZabActors and to
/// Apache ZooKeeper alike). One session over one connection at a time: when the connection drops the
/// client moves to another server of the connect string with the same session id and password,
/// within the session timeout, and re-registers its watches there; requests in flight at the drop fail
/// with ConnectionLoss (the caller decides whether to retry), requests made while reconnecting wait
/// for the new connection. When the server says the session is gone, every watcher hears Expired and
/// every call fails with SessionExpired. Watch callbacks run one at a time, in the order events arrive.
/// Partial files: ZooKeeperClient.Session.cs (connecting, failover, pings), ZooKeeperClient.Operations.cs.
/// </summary>
public sealed partial class ZooKeeperClient : IAsyncDisposable
{
    private readonly IReadOnlyList<DnsEndPoint> servers;
    private readonly ZooKeeperClientOptions options;
    private readonly ClientWatches watches = new();
    private readonly Channel<Action> callbacks = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<(string Scheme, byte[] Credential)> authInfo = [];
    private readonly CancellationTokenSource closing = new();
    private int nextXid;
    private long lastZxid;

    private ZooKeeperClient(IReadOnlyList<DnsEndPoint> servers, ZooKeeperClientOptions options)
    {
        this.servers = servers;
        this.options = options;
        _ = Task.Run(RunCallbacksAsync);
    }

    /// <summary>The session id the server gave (0 before the first connect).</summary>
    public long SessionId { get; private set; }

    /// <summary>The timeout the server granted.</summary>
    public TimeSpan SessionTimeout { get; private set; }

    public SessionState State { get; private set; } = SessionState.Connecting;

    /// <summary>The highest zxid this client has seen in a reply or notification.</summary>
    public long LastZxid => Interlocked.Read(ref lastZxid);

    /// <summary>The server the client is connected to right now, if any.</summary>
    public EndPoint? CurrentServer => connection?.RemoteEndPoint;

    /// <summary>Session state changes, delivered in order on the callback task.</summary>
    public event Action<SessionState>? StateChanged;

    /// <summary>Connects to one of <paramref name="connectString"/>'s servers ("h1:p1,h2:p2") and opens a session.</summary>
    public static async Task<ZooKeeperClient> ConnectAsync(string connectString, ZooKeeperClientOptions? options = null, CancellationToken cancel = default)
    {
        var client = new ZooKeeperClient(ConnectString.Parse(connectString), options ?? new ZooKeeperClientOptions());
        try
        {
            await client.OpenSessionAsync(cancel);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
        return client;
    }

    private int NextXid() => Interlocked.Increment(ref nextXid) & int.MaxValue;

    private void SeeZxid(long zxid)
    {
        long seen;
        while (zxid > (seen = Interlocked.Read(ref lastZxid)) && Interlocked.CompareExchange(ref lastZxid, zxid, seen) != seen)
        {
        }
    }

    private void OnNotification(WatcherEvent notification, long zxid)
    {
        SeeZxid(zxid);
        var watched = new WatchedEvent(notification.Type, notification.State, notification.Path);
        foreach (var watcher in watches.Fire(notification.Type, notification.Path))
        {
            callbacks.Writer.TryWrite(() => watcher(watched));
        }
    }

    private void SetState(SessionState state)
    {
        if (State == state)
        {
            return;
        }
        State = state;
        callbacks.Writer.TryWrite(() => StateChanged?.Invoke(state));
        var keeperState = state switch
        {
            SessionState.Connected => KeeperState.SyncConnected,
            SessionState.ConnectedReadOnly => KeeperState.ConnectedReadOnly,
            SessionState.Expired => KeeperState.Expired,
            SessionState.Closed => KeeperState.Closed,
            SessionState.AuthFailed => KeeperState.AuthFailed,
            _ => KeeperState.Disconnected,
        };
        var sessionEvent = new WatchedEvent(EventType.None, keeperState, null);
        foreach (var watcher in watches.All())
        {
            callbacks.Writer.TryWrite(() => watcher(sessionEvent));
        }
    }

    private async Task RunCallbacksAsync()
    {
        await foreach (var callback in callbacks.Reader.ReadAllAsync())
        {
            try
            {
                callback();
            }
            catch (Exception)
            {
                // A watcher's exception is its own business; the next watcher still runs.
            }
        }
    }

    private static Stat ReadStat(byte[] body)
    {
        var reader = new JuteReader(body);
        return Stat.Read(ref reader);
    }
}
