using System.Diagnostics;
using System.Globalization;
using ZabActors.Simulation;
using ZabActors.Zab;

namespace ZabActors.Benchmarks;

/// <summary>
/// Simulated election time after a leader crash, in virtual milliseconds with ZooKeeper's default
/// timing, over many seeds of the deterministic simulation of pure QuorumPeers (so the figures replay
/// exactly). Each seed
/// starts a quiet ensemble (seeded 1-10 ms message delays, no faults), waits until it is fully
/// synchronized with some writes behind it, then crashes the leader. Followers notice at once (the
/// leader's connections close, as on a process crash); the figures are the time from the crash until
/// a surviving voter is elected (LOOKING -> LEADING: the election proper) and until that leader is
/// established (a quorum acknowledged NEWLEADER: it can serve writes again).
/// </summary>
/// <remarks>Usage: <c>election [--seeds N] [--voters 3,5]</c>.</remarks>
public static class ElectionBenchmarks
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    public static Task<int> RunAsync(string[] args)
    {
        var seeds = 1000;
        int[] voterCounts = [3, 5];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seeds" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    seeds = n;
                    i++;
                    break;
                case "--voters" when i + 1 < args.Length && TryParseVoters(args[i + 1], out var counts):
                    voterCounts = counts;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"election: unknown or incomplete option '{args[i]}'");
                    Console.Error.WriteLine("usage: election [--seeds N] [--voters 3,5]");
                    return Task.FromResult(2);
            }
        }
        foreach (var voters in voterCounts)
        {
            Measure(seeds, voters);
        }
        return Task.FromResult(0);
    }

    private static void Measure(int seeds, int voters)
    {
        var elected = new List<double>(seeds);
        var established = new List<double>(seeds);
        var wall = Stopwatch.StartNew();
        var slowestSeed = 0;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var (electedMs, establishedMs) = OneCrash((ulong)seed, voters);
            if (elected.Count == 0 || electedMs > elected.Max()) slowestSeed = seed;
            elected.Add(electedMs);
            established.Add(establishedMs);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=election seeds={seeds} voters={voters} median_ms={Percentile(elected, 50):0} p99_ms={Percentile(elected, 99):0} " +
            $"established_median_ms={Percentile(established, 50):0} established_p99_ms={Percentile(established, 99):0} " +
            $"max_ms={elected.Max():0} max_seed={slowestSeed} wall_s={wall.Elapsed.TotalSeconds:0.0}"));
    }

    /// <summary>One seed: virtual ms from the leader's crash to a new leader elected, and to it being established.</summary>
    private static (double Elected, double Established) OneCrash(ulong seed, int voters)
    {
        var scenario = Scenario.Create(seed, voters, timing: ZabTiming.Default).StartAll().AwaitLeader(Bound).Write(10).AwaitConvergence(Bound);
        var old = scenario.Leader;
        scenario.Crash(old);
        var crashedAt = scenario.Now;
        scenario.Await(e => NewLeader(e, old, requireEstablished: false), Bound, "a new leader");
        var electedAt = scenario.Now;
        scenario.Await(e => NewLeader(e, old, requireEstablished: true), Bound, "a new established leader");
        return ((electedAt - crashedAt).TotalMilliseconds, (scenario.Now - crashedAt).TotalMilliseconds);
    }

    private static bool NewLeader(SimulatedEnsemble ensemble, long old, bool requireEstablished) =>
        ensemble.Options.Layout.VoterIds.Any(sid => sid != old
            && ensemble.Cluster.Live(sid) is { Core.State: ServerState.Leading } peer
            && (!requireEstablished || peer.Core.IsBroadcasting));

    /// <summary>The nearest-rank percentile.</summary>
    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static bool TryParseVoters(string text, out int[] counts)
    {
        counts = [];
        var parts = text.Split(',');
        var parsed = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1) return false;
            parsed.Add(v);
        }
        counts = [.. parsed];
        return counts.Length > 0;
    }
}
