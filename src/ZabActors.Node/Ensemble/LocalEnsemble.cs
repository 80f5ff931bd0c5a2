using ZabActors.Node.Admin;
using ZabActors.Node.Configuration;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Ensemble;

/// <summary>
/// An ensemble of separate <c>zabactors</c> processes on loopback ports, for <c>--ensemble N</c>, the
/// integration tests and the benchmarks. It owns the generated configuration files, the data
/// directories (<c>{base}/node-N</c>), the child processes and an <see cref="AdminClient"/> to ask them.
/// Waits poll the servers' status with a deadline; disposing kills every child that is still running.
/// </summary>
public sealed class LocalEnsemble : IAsyncDisposable
{
    private readonly NodeLauncher launcher;
    private readonly string extraConfig;
    private readonly Action<long, string>? echo;
    private readonly Dictionary<long, NodeProcess> processes = [];
    private readonly List<NodeProcess> finished = [];
    private AdminClient? client;

    private LocalEnsemble(string baseDirectory, IReadOnlyList<QuorumServer> servers, NodeLauncher launcher, string extraConfig, Action<long, string>? echo)
    {
        BaseDirectory = baseDirectory;
        Servers = servers;
        Directory = new EnsembleDirectory(servers);
        this.launcher = launcher;
        this.extraConfig = extraConfig;
        this.echo = echo;
    }

    public string BaseDirectory { get; }

    public IReadOnlyList<QuorumServer> Servers { get; }

    public EnsembleDirectory Directory { get; }

    /// <summary>How the servers' processes are started; also runs the command-line tools against them.</summary>
    public NodeLauncher Launcher => launcher;

    /// <summary>The client for the servers' admin endpoints, created on first use.</summary>
    public AdminClient Client => client ??= AdminClient.Create(Directory);

    /// <summary>
    /// Lays out an ensemble of <paramref name="voters"/> participants (ids 1..voters) and
    /// <paramref name="observers"/> observers (the following ids) on free loopback ports, and writes each
    /// server's configuration under <paramref name="baseDirectory"/>. Nothing is started yet.
    /// </summary>
    public static LocalEnsemble Create(string baseDirectory, int voters, int observers, NodeLauncher launcher,
        string extraConfig = "", Action<long, string>? echo = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(voters, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(observers);
        ArgumentNullException.ThrowIfNull(launcher);
        var ports = FreePorts.Allocate(voters + observers);
        var servers = ports.Select((port, i) => new QuorumServer(i + 1, "127.0.0.1", port, i < voters ? LearnerType.Participant : LearnerType.Observer)).ToList();
        var ensemble = new LocalEnsemble(Path.GetFullPath(baseDirectory), servers, launcher, extraConfig, echo);
        ensemble.WriteConfigs();
        return ensemble;
    }

    public string ConfigFile(long sid) => Path.Combine(BaseDirectory, "config", $"node{sid}.conf");

    public string DataDirectory(long sid) => Path.Combine(BaseDirectory, $"node-{sid}");

    /// <summary>The running (or last started) process of server <paramref name="sid"/>.</summary>
    public NodeProcess? Process(long sid) => processes.GetValueOrDefault(sid);

    /// <summary>Servers whose process runs now.</summary>
    public IReadOnlyList<long> Running => [.. processes.Where(p => !p.Value.HasExited).Select(p => p.Key).Order()];

    /// <summary>Starts server <paramref name="sid"/>'s process (<c>run --config FILE</c>).</summary>
    public NodeProcess Start(long sid)
    {
        if (processes.TryGetValue(sid, out var previous))
        {
            if (!previous.HasExited)
                throw new InvalidOperationException($"server {sid} is already running as pid {previous.Pid}");
            finished.Add(previous);
        }
        var process = NodeProcess.Start(launcher, ["run", "--config", ConfigFile(sid)], $"node{sid}", BaseDirectory,
            echo is null ? null : line => echo(sid, line));
        processes[sid] = process;
        return process;
    }

    public void StartAll()
    {
        foreach (var server in Servers)
            Start(server.Id);
    }

    /// <summary>SIGKILL: the server crashes, losing whatever was not durable.</summary>
    public void Kill(long sid) => processes[sid].Kill();

    /// <summary>SIGTERM and wait for the orderly exit; killed if it takes longer than <paramref name="timeout"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(long sid, TimeSpan timeout)
    {
        var process = processes[sid];
        process.Terminate();
        if (!await process.WaitForExitAsync(timeout).ConfigureAwait(false))
        {
            process.Kill();
            await process.WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        return process.ExitCode ?? -1;
    }

    /// <summary>Every server's status (null for those that do not answer in <paramref name="perServer"/>).</summary>
    public Task<IReadOnlyDictionary<long, NodeStatus?>> StatusAsync(TimeSpan perServer) => Client.StatusAllAsync(perServer);

    /// <summary>
    /// Polls until one server leads and every server in <paramref name="members"/> (default: the running
    /// ones) follows or observes it in the same epoch; returns the leader. Throws with the last statuses after <paramref name="timeout"/>.
    /// </summary>
    public async Task<long> AwaitLeaderAsync(TimeSpan timeout, IReadOnlyCollection<long>? members = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyDictionary<long, NodeStatus?> last = new Dictionary<long, NodeStatus?>();
        while (true)
        {
            var expected = members ?? Running;
            last = await StatusAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            if (SettledLeader(last, expected) is { } leader)
                return leader;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no settled leader within {timeout.TotalSeconds:0}s: {string.Join("; ", StatusLine.FormatAll(last))}");
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>The leader every server of <paramref name="members"/> follows in broadcast, in the same epoch, if any.</summary>
    public static long? SettledLeader(IReadOnlyDictionary<long, NodeStatus?> statuses, IReadOnlyCollection<long> members)
    {
        var leaders = statuses.Values.Where(s => s is { Peer.State: ServerState.Leading }).Select(s => s!.Peer).ToList();
        if (leaders.Count != 1 || members.Count == 0)
            return null;
        var leader = leaders[0];
        foreach (var sid in members)
        {
            if (statuses.GetValueOrDefault(sid) is not { Phase: ZabState.Broadcast, Peer: var status } || status.CurrentEpoch != leader.CurrentEpoch)
                return null;
            if (sid != leader.Sid && (status.State is not (ServerState.Following or ServerState.Observing) || status.LeaderSid != leader.Sid))
                return null;
        }
        return leader.Sid;
    }

    /// <summary>
    /// Submits a write through <paramref name="sid"/> until it is committed or <paramref name="timeout"/>
    /// passes (a server that is not serving yet refuses writes). A failed attempt may still have been
    /// committed, so a retried write can appear twice in the history. Null when never acknowledged.
    /// </summary>
    public async Task<WriteCommitted?> WriteAsync(long sid, byte[] data, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var left = deadline - DateTime.UtcNow;
            var reply = await Client.WriteAsync(sid, data, left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            if (reply is WriteCommitted committed)
                return committed;
            await Task.Delay(50).ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>Kills every process still running and closes the client.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes.Values.Concat(finished))
            process.Dispose();
        if (client is not null)
            await client.DisposeAsync().ConfigureAwait(false);
    }

    private void WriteConfigs()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(BaseDirectory, "config"));
        foreach (var server in Servers)
            File.WriteAllText(ConfigFile(server.Id), EnsembleConfigWriter.Render(server.Id, Servers, DataDirectory(server.Id), extraConfig));
    }
}
