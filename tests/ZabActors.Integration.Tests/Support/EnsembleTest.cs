using System.Text;
using Xunit.Abstractions;
using ZabActors.Node.Admin;
using ZabActors.Node.Ensemble;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Integration.Tests.Support;

/// <summary>
/// The base of every integration test: an ensemble of real server processes on loopback ports with
/// short ticks, in a temporary directory, started from the node's own build output. Waits poll the
/// servers with a deadline. Whatever happens, disposing kills every child, prints the tail of each
/// server's log to the test output and deletes the directory.
/// </summary>
public abstract class EnsembleTest(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// Test timing: 200 ms ticks, quick re-votes and a failure detector of 1.5 s; limits of 3 s and 2 s
    /// leave room for a loaded CI machine (a process start is slow while its code is compiled).
    /// </summary>
    public const string FastTiming = """
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

    private readonly string directory = Path.Combine(Path.GetTempPath(), "zab-it-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalEnsemble? ensemble;

    protected ITestOutputHelper Output { get; } = output;

    protected LocalEnsemble Ensemble => ensemble ?? throw new InvalidOperationException("call CreateEnsemble first");

    protected AdminClient Client => Ensemble.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (ensemble is not null)
        {
            await ensemble.DisposeAsync();
            foreach (var server in ensemble.Servers)
                DumpLog(server.Id);
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a killed process may still hold a file for a moment.
        }
    }

    protected LocalEnsemble CreateEnsemble(int voters, int observers = 0, string extraConfig = FastTiming)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        ensemble = LocalEnsemble.Create(directory, voters, observers, NodeLauncher.ForRepositoryBuild(AppContext.BaseDirectory, configuration), extraConfig);
        return ensemble;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> and the servers' status after <paramref name="timeout"/>.</summary>
    protected async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what} did not happen within {timeout.TotalSeconds:0}s; status: {await StatusText()}");
            await Task.Delay(50);
        }
    }

    protected async Task<string> StatusText() =>
        string.Join("; ", StatusLine.FormatAll(await Ensemble.StatusAsync(TimeSpan.FromMilliseconds(500))));

    /// <summary>Commits a write through <paramref name="sid"/> (retrying while it does not serve); fails the test if it never commits.</summary>
    protected async Task<Zxid> Write(long sid, string text, TimeSpan? timeout = null)
    {
        var committed = await Ensemble.WriteAsync(sid, Encoding.UTF8.GetBytes(text), timeout ?? TimeSpan.FromSeconds(20));
        Assert.True(committed is not null, $"'{text}' through server {sid} was not committed; status: {await StatusText()}");
        return committed!.Zxid;
    }

    /// <summary>Server <paramref name="sid"/>'s applied history as (zxid, text) pairs.</summary>
    protected async Task<IReadOnlyList<(Zxid Zxid, string Text)>> History(long sid) =>
        [.. (await Client.HistoryAsync(sid, TimeSpan.FromSeconds(5))).Select(e => (e.Zxid, Encoding.UTF8.GetString(e.Payload.Span)))];

    /// <summary>Waits until every server of <paramref name="servers"/> has applied the same history, and returns it.</summary>
    protected async Task<IReadOnlyList<(Zxid Zxid, string Text)>> AwaitSameHistory(IEnumerable<long> servers, TimeSpan timeout)
    {
        var ids = servers.ToList();
        IReadOnlyList<(Zxid, string)> reference = [];
        await Eventually(async () =>
        {
            var statuses = await Ensemble.StatusAsync(TimeSpan.FromMilliseconds(500));
            var applied = ids.Select(id => statuses[id]?.Peer.LastAppliedZxid).Distinct().ToList();
            if (applied.Count != 1 || applied[0] is null)
                return false;
            var histories = await Task.WhenAll(ids.Select(History));
            reference = histories[0];
            return histories.All(h => h.SequenceEqual(histories[0]));
        }, timeout, $"servers {string.Join(",", ids)} converging on one history");
        return reference;
    }

    protected async Task<PeerStatus> Status(long sid) =>
        (await Client.StatusAsync(sid, TimeSpan.FromSeconds(2)))?.Peer ?? throw new Xunit.Sdk.XunitException($"server {sid} did not answer");

    private void DumpLog(long sid)
    {
        var lines = Ensemble.Process(sid)?.Lines() ?? [];
        Output.WriteLine($"---- server {sid}: last {Math.Min(lines.Count, 60)} of {lines.Count} log lines");
        foreach (var line in lines.TakeLast(60))
            Output.WriteLine(line);
    }
}
