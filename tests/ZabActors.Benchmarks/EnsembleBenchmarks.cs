using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using ZabActors.Node.Ensemble;

namespace ZabActors.Benchmarks;

/// <summary>
/// Write throughput and commit latency of a real 3-server ensemble: three <c>zabactors</c> processes on
/// loopback (the node's own build), each journaling to SQLite with fsync in its own data directory,
/// ZooKeeper's default timing. A client actor in this process keeps 1, then 256, writes of 100 bytes
/// outstanding, submitted to the leader and then through a follower (which forwards each as REQUEST);
/// a write counts when the submitting server has applied it. Latency is from submission to the answer.
/// Snapshots come every 20000 transactions (<see cref="EnsembleConfigWriter.HistorySnapshotSpacing"/>).
/// </summary>
/// <remarks>Usage: <c>ensemble [--seconds N] [--warmup N] [--payload BYTES] [--dir PATH]</c>.</remarks>
public static class EnsembleBenchmarks
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (!BenchOptions.TryParse("ensemble", args, out var options))
            return 2;
        var directory = options.NewDirectory("ensemble");
        try
        {
            await using var ensemble = LocalEnsemble.Create(directory, 3, 0, BenchOptions.Launcher(), "zab.node.log-level = Warning");
            ensemble.StartAll();
            var leader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(60));
            var follower = ensemble.Servers.First(s => s.Id != leader).Id;
            foreach (var (via, sid) in new[] { ("leader", leader), ("follower", follower) })
            {
                foreach (var outstanding in new[] { 1, 256 })
                    await MeasureAsync(ensemble, via, sid, outstanding, options);
            }
            return 0;
        }
        finally
        {
            BenchOptions.TryDelete(directory);
        }
    }

    private static async Task MeasureAsync(LocalEnsemble ensemble, string via, long sid, int outstanding, BenchOptions options)
    {
        var stats = new WriteLoadStats();
        var load = ensemble.Client.System.ActorOf(WriteLoadActor.Props(ensemble.Client.AdminOf(sid), outstanding, options.Payload, stats));
        await Task.Delay(options.Warmup);
        stats.OpenWindow();
        var clock = Stopwatch.StartNew();
        await Task.Delay(options.Measure);
        var samples = stats.CloseWindow();
        var elapsed = clock.Elapsed.TotalSeconds;
        await load.Ask<WriteLoadActor.StopLoad>(WriteLoadActor.StopLoad.Instance, TimeSpan.FromSeconds(30));
        ensemble.Client.System.Stop(load);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=ensemble via={via} outstanding={outstanding} ops_per_s={samples.Length / elapsed:0} " +
            $"p50_us={WriteLoadStats.Percentile(samples, 0.50):0} p99_us={WriteLoadStats.Percentile(samples, 0.99):0} " +
            $"payload={options.Payload} failed={stats.FailedCount}"));
    }
}
