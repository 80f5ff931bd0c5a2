using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using ZabActors.Node.Admin;
using ZabActors.Node.Ensemble;
using ZabActors.Zab;

namespace ZabActors.Benchmarks;

/// <summary>
/// Failover time of a real 3-server ensemble under load: three <c>zabactors</c> processes on loopback
/// with SQLite journals (fsync) and ZooKeeper's default timing, a client keeping 32 writes of 100 bytes
/// outstanding through a follower. Each run SIGKILLs the leader and measures the time from the kill
/// to the first write acknowledged in a newer epoch (detection, election, discovery, synchronization
/// and one commit); then the killed server is restarted and rejoins before the next run. At the end
/// every acknowledged write must be in the history of all three servers at its zxid: the lost count
/// is printed and must be 0.
/// </summary>
/// <remarks>Usage: <c>failover [--runs N] [--payload BYTES] [--dir PATH]</c>.</remarks>
public static class FailoverBenchmarks
{
    private const int Outstanding = 32;
    private static readonly TimeSpan FailoverTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!BenchOptions.TryParse("failover", args, out var options))
            return 2;
        var directory = options.NewDirectory("failover");
        try
        {
            await using var ensemble = LocalEnsemble.Create(directory, 3, 0, BenchOptions.Launcher(), "zab.node.log-level = Warning");
            ensemble.StartAll();
            var leader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(60));
            var stats = new WriteLoadStats();
            var load = ensemble.Client.System.ActorOf(
                WriteLoadActor.Props(ensemble.Client.AdminOf(NonLeader(ensemble, leader)), Outstanding, options.Payload, stats));
            var times = new List<double>();
            for (var run = 1; run <= options.Runs; run++)
            {
                var (ms, newLeader) = await FailOnceAsync(ensemble, leader, stats, load);
                times.Add(ms);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"failover: run {run}: leader {leader} killed, server {newLeader} committed after {ms:0} ms ({stats.AckedCount} acked so far)"));
                leader = newLeader;
            }
            await load.Ask<WriteLoadActor.StopLoad>(WriteLoadActor.StopLoad.Instance, TimeSpan.FromSeconds(60));
            var lost = await CountLostAsync(ensemble, stats);
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT bench=failover runs={times.Count} median_ms={times[times.Count / 2]:0} max_ms={times[^1]:0} " +
                $"lost_acked={lost} acked={stats.AckedCount} outstanding={Outstanding}"));
            return lost == 0 ? 0 : 1;
        }
        finally
        {
            BenchOptions.TryDelete(directory);
        }
    }

    /// <summary>Kills the leader, times the first acknowledged write of a newer epoch, restarts the old leader and waits until all three settle.</summary>
    private static async Task<(double Ms, long NewLeader)> FailOnceAsync(LocalEnsemble ensemble, long leader, WriteLoadStats stats, IActorRef load)
    {
        var epoch = (await ensemble.Client.StatusAsync(leader, TimeSpan.FromSeconds(5)))?.Peer.CurrentEpoch
            ?? throw new InvalidOperationException($"leader {leader} does not answer");
        var firstNewEpoch = stats.FirstAck(zxid => zxid.Epoch > epoch);
        var clock = Stopwatch.StartNew();
        ensemble.Kill(leader);
        await firstNewEpoch.WaitAsync(FailoverTimeout);
        var ms = clock.Elapsed.TotalMilliseconds;
        var survivors = ensemble.Servers.Select(s => s.Id).Where(id => id != leader).ToList();
        var newLeader = await ensemble.AwaitLeaderAsync(FailoverTimeout, survivors);
        await ensemble.Process(leader)!.WaitForExitAsync(TimeSpan.FromSeconds(10));
        ensemble.Start(leader);
        await ensemble.AwaitLeaderAsync(FailoverTimeout, [.. ensemble.Servers.Select(s => s.Id)]);
        // The next run kills newLeader: keep the load on a server that survives it.
        load.Tell(new WriteLoadActor.Retarget(ensemble.Client.AdminOf(NonLeader(ensemble, newLeader))), ActorRefs.NoSender);
        return (ms, newLeader);
    }

    /// <summary>Acknowledged writes missing (or different) at their zxid in any server's history, once the three agree.</summary>
    private static async Task<int> CountLostAsync(LocalEnsemble ensemble, WriteLoadStats stats)
    {
        var histories = Array.Empty<IReadOnlyList<HistoryEntry>>();
        var same = await Poll.UntilAsync(async () =>
        {
            histories = await Task.WhenAll(ensemble.Servers.Select(s => ensemble.Client.HistoryAsync(s.Id, TimeSpan.FromSeconds(30))));
            return histories.All(h => h.Count == histories[0].Count && h.Select(e => e.Zxid).SequenceEqual(histories[0].Select(e => e.Zxid)));
        }, TimeSpan.FromSeconds(60));
        var lost = 0;
        foreach (var history in histories)
        {
            var byZxid = history.ToDictionary(e => e.Zxid, e => e.Payload);
            lost = Math.Max(lost, stats.Acked().Count(a => !byZxid.TryGetValue(a.Zxid, out var payload) || !payload.Span.SequenceEqual(a.Data)));
        }
        if (!same)
            Console.Error.WriteLine("failover: the servers' histories still differ after 60 s");
        return same ? lost : Math.Max(lost, 1);
    }

    private static long NonLeader(LocalEnsemble ensemble, long leader) => ensemble.Servers.First(s => s.Id != leader).Id;
}
