using System.Text;
using ZabActors.Node.Admin;
using ZabActors.Node.Ensemble;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.FaultCampaign.Campaign;

/// <summary>What a write through one server came back with: committed at a zxid, refused or failed with a reason, or no reply in time.</summary>
public sealed record WriteOutcome(long? Zxid, string? Failure)
{
    public static readonly WriteOutcome NoReply = new(null, null);
}

/// <summary>One applied transaction as a client sees it: its zxid and its payload as text.</summary>
public readonly record struct LogEntry(long Zxid, string Value);

/// <summary>
/// The only place the campaign touches the node: real <c>zabactors</c> processes started from the
/// repository's build in a temporary directory (SQLite storage, generated configurations on free
/// loopback ports, test hooks on), and the node's client protocol (writes, history, status, the
/// partition hooks) through its <see cref="AdminClient"/>, as the integration tests do. Faults are
/// process signals: SIGKILL, SIGSTOP, SIGCONT.
/// </summary>
public sealed class NodeEnsemble : IAsyncDisposable
{
    /// <summary>Short ticks and a 1.5 s failure detector, as the integration tests use; test hooks on for partitions.</summary>
    public const string Timing = """
        zab {
          tick-time = 200ms
          init-limit = 15
          sync-limit = 10
          election { finalize-wait = 100ms, min-notification-interval = 100ms, max-notification-interval = 1s }
          node { test-hooks = on, shutdown-timeout = 5s }
          remote {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 1500ms
            reconnect-backoff-min = 50ms
            reconnect-backoff-max = 500ms
            connect-timeout = 1s
          }
        }
        """;

    private readonly LocalEnsemble ensemble;
    private readonly HashSet<long> paused = [];

    private NodeEnsemble(LocalEnsemble ensemble, string directory, int voters)
    {
        this.ensemble = ensemble;
        Directory = directory;
        Voters = [.. ensemble.Servers.Where(s => s.Role == LearnerType.Participant).Select(s => s.Id)];
        Servers = [.. ensemble.Servers.Select(s => s.Id)];
        Tolerance = (voters - 1) / 2;
    }

    public string Directory { get; }

    public IReadOnlyList<long> Servers { get; }

    public IReadOnlyList<long> Voters { get; }

    /// <summary>How many voters may be down with a quorum left.</summary>
    public int Tolerance { get; }

    /// <summary>Lays out the ensemble under a new temporary directory; nothing runs yet.</summary>
    public static NodeEnsemble Create(int voters, int observers)
    {
        var directory = Path.Combine(Path.GetTempPath(), "zab-campaign-" + Guid.NewGuid().ToString("N")[..8]);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var launcher = NodeLauncher.ForRepositoryBuild(AppContext.BaseDirectory, configuration);
        return new NodeEnsemble(LocalEnsemble.Create(directory, voters, observers, launcher, Timing), directory, voters);
    }

    public void StartAll() => ensemble.StartAll();

    public bool IsRunning(long sid) => ensemble.Process(sid) is { HasExited: false };

    public void Kill(long sid)
    {
        Resume(sid);
        ensemble.Kill(sid);
        ensemble.Process(sid)?.WaitForExitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
    }

    public void Restart(long sid) => ensemble.Start(sid);

    public bool Pause(long sid) => ensemble.Process(sid) is { HasExited: false } p && ProcessSignals.Stop(p.Pid) && paused.Add(sid);

    public void Resume(long sid)
    {
        if (paused.Remove(sid) && ensemble.Process(sid) is { HasExited: false } p)
        {
            ProcessSignals.Continue(p.Pid);
        }
    }

    /// <summary>Cuts <paramref name="sid"/> off from every other server, both ways (the node's partition hook).</summary>
    public async Task<bool> IsolateAsync(long sid)
    {
        var others = Servers.Where(id => id != sid).ToList();
        return await AskAsync(sid, new PartitionFrom(others)).ConfigureAwait(false) is AdminAck;
    }

    public async Task<bool> HealAsync(long sid) => await AskAsync(sid, HealPartitions.Instance).ConfigureAwait(false) is AdminAck;

    /// <summary>The server that leads with every server of <paramref name="members"/> following it in broadcast, if any.</summary>
    public async Task<long?> SettledLeaderAsync(IReadOnlyCollection<long> members)
    {
        var statuses = await ensemble.StatusAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        return LocalEnsemble.SettledLeader(statuses, members);
    }

    /// <summary>Any server that says it leads (settled or not).</summary>
    public async Task<long?> AnyLeaderAsync()
    {
        var statuses = await ensemble.StatusAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        return statuses.Values.FirstOrDefault(s => s?.Peer.State == ServerState.Leading)?.Peer.Sid;
    }

    /// <summary>One line per server: state, epoch, last zxid.</summary>
    public async Task<string> StatusTextAsync() =>
        string.Join("; ", StatusLine.FormatAll(await ensemble.StatusAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false)));

    /// <summary>One write attempt through <paramref name="sid"/>, never retried.</summary>
    public async Task<WriteOutcome> WriteAsync(long sid, string value, TimeSpan timeout)
    {
        var reply = await ensemble.Client.WriteAsync(sid, Encoding.UTF8.GetBytes(value), timeout).ConfigureAwait(false);
        return reply switch
        {
            WriteCommitted committed => new WriteOutcome(committed.Zxid.Value, null),
            WriteFailed failed => new WriteOutcome(null, failed.Reason),
            _ => WriteOutcome.NoReply,
        };
    }

    /// <summary>Server <paramref name="sid"/>'s applied transactions after <paramref name="after"/>, or null when it does not answer.</summary>
    public async Task<IReadOnlyList<LogEntry>?> HistoryAsync(long sid, TimeSpan timeout, long after = 0)
    {
        try
        {
            var entries = await ensemble.Client.HistoryAsync(sid, timeout, new Zxid(after)).ConfigureAwait(false);
            return [.. entries.Select(e => new LogEntry(e.Zxid.Value, Encoding.UTF8.GetString(e.Payload.Span)))];
        }
        catch (Exception e) when (e is TimeoutException or TaskCanceledException || e.GetType().Name == "AskTimeoutException")
        {
            return null;
        }
    }

    /// <summary>The last <paramref name="count"/> log lines of server <paramref name="sid"/>'s process.</summary>
    public IReadOnlyList<string> LogTail(long sid, int count) => [.. (ensemble.Process(sid)?.Lines() ?? []).TakeLast(count)];

    public async ValueTask DisposeAsync()
    {
        foreach (var sid in paused.ToList())
        {
            Resume(sid);
        }
        await ensemble.DisposeAsync().ConfigureAwait(false);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a killed process may still hold a file for a moment.
        }
    }

    // Ask timeouts are matched by name: the node's actor runtime is being replaced, and both runtimes
    // call theirs AskTimeoutException; the campaign must not depend on either.
    private async Task<object?> AskAsync(long sid, object message)
    {
        try
        {
            return await ensemble.Client.AskAsync(sid, message, TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or TaskCanceledException || e.GetType().Name == "AskTimeoutException")
        {
            return null;
        }
    }
}
