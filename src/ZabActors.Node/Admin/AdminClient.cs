using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Actors;
using ZabActors.Hocon;
using ZabActors.Node.Networking;
using ZabActors.Node.Serialization;
using ZabActors.Quorum;
using ZabActors.Remote;
using ZabActors.Zab;

namespace ZabActors.Node.Admin;

/// <summary>
/// The client side of the servers' admin endpoints, for the command-line tools, the local ensemble,
/// tests and benchmarks: an actor system of its own with remoting on a free loopback port and a
/// negative node id (servers admit tools, and a tool's connection always wins the tie-break), asking
/// <c>/user/admin</c> of any server of an ensemble. Every call is bounded by a timeout.
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
    /// A client for the ensemble of <paramref name="directory"/>; remoting settings (cookie, frame size,
    /// timeouts) come from <c>zab.remote</c> of <paramref name="config"/>, bound to 127.0.0.1 on a free port.
    /// </summary>
    public static AdminClient Create(EnsembleDirectory directory, Config? config = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        config ??= ConfigCommand.LoadReference();
        loggerFactory ??= NullLoggerFactory.Instance;
        var settings = RemoteSettings.Create(config) with { Host = "127.0.0.1", Port = 0, PublicHost = "" };
        var setup = RemoteSetup.Create(settings, ToolNodeId(), ZabSerializers.CreateRegistry()) with
        {
            TieBreaker = EnsembleDirectory.TieBreaker,
            LoggerFactory = loggerFactory,
        };
        // Dead letters of a tool are replies that arrived after their ask timed out: not worth a log line.
        var quiet = ConfigurationFactory.ParseString("zab.log-dead-letters = 0").WithFallback(config);
        var system = RemoteActorSystem.Create("zab-tool", quiet, setup, ActorSystemSetup.Empty.WithLoggerFactory(loggerFactory));
        return new AdminClient(directory, system);
    }

    /// <summary>The admin actor of server <paramref name="sid"/>.</summary>
    public IActorRef AdminOf(long sid) =>
        System.GetRemoting().Provider.ResolveActorRef(Directory.PathOf(sid, EnsembleDirectory.AdminActorName));

    /// <summary>A request id no other client of this process uses.</summary>
    public long NextRequestId() => Interlocked.Increment(ref nextRequest);

    /// <summary>The server's status and phase, or null when it does not answer within <paramref name="timeout"/>.</summary>
    public async Task<NodeStatus?> StatusAsync(long sid, TimeSpan timeout)
    {
        try
        {
            return await AdminOf(sid).Ask(GetNodeStatus.Instance, timeout).ConfigureAwait(false) as NodeStatus;
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
            return await AdminOf(sid).Ask(new Quorum.ClientWrite(requestId, data), timeout).ConfigureAwait(false);
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
            var chunk = await AdminOf(sid).Ask<HistoryChunk>(new GetHistory(from, AdminActor.MaxHistoryEntries), timeout).ConfigureAwait(false);
            entries.AddRange(chunk.Entries);
            if (!chunk.More || chunk.Entries.Count == 0)
                return entries;
            from = chunk.Entries[^1].Zxid;
        }
    }

    /// <summary>Asks server <paramref name="sid"/>'s admin actor anything; throws on timeout.</summary>
    public Task<object> AskAsync(long sid, object message, TimeSpan timeout) => AdminOf(sid).Ask(message, timeout);

    /// <summary>Says goodbye to the servers and stops the client's actor system, each step bounded to a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var step in new Func<Task>[] { () => System.GetRemoting().ShutdownAsync(), System.Terminate })
        {
            try
            {
                await step().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A server that stopped answering must not keep a tool from exiting.
            }
        }
    }

    // Negative ids mark tools; the process id keeps two tools on one machine apart in the servers' logs.
    private static long ToolNodeId() => -1L - Environment.ProcessId;
}
