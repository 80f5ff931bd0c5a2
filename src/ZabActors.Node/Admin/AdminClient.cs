using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using ZabActors.Hosting;
using ZabActors.Node.Configuration;
using ZabActors.Node.Serialization;
using ZabActors.Quorum;
using ZabActors.Transport;
using ZabActors.Zab;
using ClientWrite = ZabActors.Quorum.ClientWrite;
using HoconConfig = ZabActors.Hocon.Config;

namespace ZabActors.Node.Admin;

/// <summary>
/// The client side of the servers' admin endpoints, for the command-line tools, the local ensemble,
/// tests and benchmarks: a short-lived ActorSystem of its own with Akka.Remote on a free loopback port
/// (the same throttled TCP as the servers), asking <c>/user/admin</c> of any server of an ensemble
/// through an actor selection. A server's peer port runs in untrusted mode, which refuses remote
/// selections except of the paths it lists as trusted; the admin actor's is the only one. Every call
/// is bounded by a timeout.
/// </summary>
public sealed class AdminClient : IAsyncDisposable
{
    private long nextRequest;

    private AdminClient(EnsembleDirectory directory, ActorSystem system)
    {
        Directory = directory;
        System = system;
        nextRequest = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16;
    }

    public EnsembleDirectory Directory { get; }

    public ActorSystem System { get; }

    /// <summary>
    /// A client for the ensemble of <paramref name="directory"/>, bound to 127.0.0.1 on a free port; the
    /// <c>akka</c> settings of <paramref name="config"/> (a node's file) apply underneath the client's own.
    /// </summary>
    public static AdminClient Create(EnsembleDirectory directory, HoconConfig? config = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _ = loggerFactory;
        config ??= ConfigCommand.LoadReference();
        // Dead letters of a tool are replies that arrived after their ask timed out: not worth a log line.
        // A killed server is noticed by the failure detector within seconds (Akka's default pause is two
        // minutes), and the short gate then lets the next ask reach the restarted server.
        var own = ConfigurationFactory.ParseString($"""
            {AdminMessageSerializer.Hocon}
            akka.loglevel = ERROR
            akka.stdout-loglevel = ERROR
            akka.log-dead-letters = 0
            akka.remote.log-remote-lifecycle-events = off
            akka.remote.retry-gate-closed-for = 200ms
            akka.remote.transport-failure-detector.heartbeat-interval = 1s
            akka.remote.transport-failure-detector.acceptable-heartbeat-pause = 10s
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """);
        var akka = own
            .WithFallback(TransportConfig.Remote(new PeerEndpointOptions("127.0.0.1", 0) { Throttler = true }))
            .WithFallback(AkkaConfig.From(config));
        return new AdminClient(directory, ActorSystem.Create("zab-tool", akka));
    }

    /// <summary>The admin actor of server <paramref name="sid"/>.</summary>
    public ICanTell AdminOf(long sid) => System.ActorSelection(Directory.PathOf(sid, EnsembleDirectory.AdminActorName));

    /// <summary>A request id no other client of this process uses.</summary>
    public long NextRequestId() => Interlocked.Increment(ref nextRequest);

    /// <summary>The server's status and phase, or null when it does not answer within <paramref name="timeout"/>.</summary>
    public async Task<NodeStatus?> StatusAsync(long sid, TimeSpan timeout)
    {
        try
        {
            return await Ask(sid, GetNodeStatus.Instance, timeout).ConfigureAwait(false) as NodeStatus;
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Every server's status, asked in parallel; null for those that did not answer.</summary>
    public async Task<IReadOnlyDictionary<long, NodeStatus?>> StatusAllAsync(TimeSpan timeout)
    {
        var asks = Directory.Servers.Select(s => (s.Id, Task: StatusAsync(s.Id, timeout))).ToList();
        await Task.WhenAll(asks.Select(a => a.Task)).ConfigureAwait(false);
        return asks.ToDictionary(a => a.Id, a => a.Task.Result);
    }

    /// <summary>Submits a write through server <paramref name="sid"/>: <see cref="WriteCommitted"/>, <see cref="WriteFailed"/>, or null on timeout.</summary>
    public async Task<object?> WriteAsync(long sid, byte[] data, TimeSpan timeout)
    {
        var requestId = NextRequestId();
        try
        {
            return await Ask(sid, new ClientWrite(requestId, data), timeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Every applied transaction of server <paramref name="sid"/> after <paramref name="after"/>, read in chunks.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long sid, TimeSpan timeout, Zxid? after = null)
    {
        var entries = new List<HistoryEntry>();
        var from = after ?? Zxid.Zero;
        while (true)
        {
            var chunk = await Ask<HistoryChunk>(sid, new GetHistory(from, AdminActor.MaxHistoryEntries), timeout).ConfigureAwait(false);
            entries.AddRange(chunk.Entries);
            if (!chunk.More || chunk.Entries.Count == 0)
                return entries;
            from = chunk.Entries[^1].Zxid;
        }
    }

    /// <summary>Asks server <paramref name="sid"/>'s admin actor anything; throws on timeout.</summary>
    public Task<object> AskAsync(long sid, object message, TimeSpan timeout) => Ask(sid, message, timeout);

    private Task<object> Ask(long sid, object message, TimeSpan timeout) => Ask<object>(sid, message, timeout);

    private Task<T> Ask<T>(long sid, object message, TimeSpan timeout) =>
        System.ActorSelection(Directory.PathOf(sid, EnsembleDirectory.AdminActorName)).Ask<T>(message, timeout);

    /// <summary>Stops the client's actor system, bounded to a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await System.Terminate().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A server that stopped answering must not keep a tool from exiting.
        }
    }
}
