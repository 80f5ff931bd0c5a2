using ZabActors.Simulation.Storage;
using ZabActors.Simulation.Time;
using ZabActors.Zab;

namespace ZabActors.Simulation.Tests;

/// <summary>
/// The new faults end to end on whole ensembles of QuorumPeers, every checker on: bit rot stops the
/// peer that reads it (and is no safety violation), pauses and clock drift happen, and seeds choose them.
/// </summary>
public sealed class PeerFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public void A_rotted_disk_stops_its_peer_at_recovery_and_the_rest_carry_on()
    {
        var scenario = Scenario.Create(seed: 11, voters: 3).StartAll().AwaitLeader(Bound).Write(10).AwaitConvergence(Bound);
        var follower = scenario.Ensemble.Options.Layout.VoterIds.First(sid => sid != scenario.Leader);
        Assert.True(scenario.Ensemble.Cluster.Disks[follower].Rot());

        scenario.Crash(follower).Restart(follower);

        var stopped = scenario.Ensemble.Cluster.Latest(follower)!;
        Assert.False(stopped.Alive);
        Assert.Contains("checksum mismatch", stopped.StopReason);
        scenario.Write(5).AwaitConvergence(Bound);
        Assert.Equal(15, scenario.Ensemble.Checkers.Prefix.Global.Count);
    }

    [Fact]
    public void A_rotted_disk_read_on_a_role_change_stops_the_peer_as_the_core_decides()
    {
        var scenario = Scenario.Create(seed: 12, voters: 5).StartAll().AwaitLeader(Bound).Write(10).AwaitConvergence(Bound);
        var leader = scenario.Leader;
        var follower = scenario.Ensemble.Options.Layout.VoterIds.First(sid => sid != leader);
        Assert.True(scenario.Ensemble.Cluster.Disks[follower].Rot());

        // The leader's loss ends the follower's role; it re-reads its disk (LoadDisk) and must stop there.
        scenario.Crash(leader).AwaitLeader(Bound);
        var peer = scenario.Ensemble.Cluster.Latest(follower)!;
        Assert.Equal(1, peer.Number);
        Assert.False(peer.Alive);
        Assert.Contains("checksum mismatch", peer.StopReason);
        Assert.Equal(1, scenario.Ensemble.Cluster.Disks[follower].Statistics.CorruptionsDetected);
        scenario.Restart(leader).Write(5).AwaitConvergence(Bound);
        Assert.False(scenario.Ensemble.Cluster.IsUp(follower));
    }

    [Fact]
    public void A_paused_leader_is_replaced_and_rejoins_as_a_follower_after_the_pause()
    {
        var scenario = Scenario.Create(seed: 13, voters: 3, timing: SimulationOptions.TightTiming).StartAll().AwaitLeader(Bound).Write(5).AwaitConvergence(Bound);
        var old = scenario.Leader;
        scenario.Pause(old, TimeSpan.FromSeconds(20));
        Assert.True(scenario.Ensemble.Cluster.IsPaused(old));
        scenario.Await(e => e.EstablishedLeader() is { } leader && leader != old, TimeSpan.FromSeconds(19), "a new leader while the old one is paused");
        Assert.True(scenario.Ensemble.Cluster.IsPaused(old));

        scenario.Write(5).AwaitConvergence(Bound);
        Assert.NotEqual(old, scenario.Leader);
        Assert.Equal(ServerState.Following, scenario.Ensemble.Cluster.Live(old)!.Core.State);
        Assert.Equal(1, scenario.Ensemble.Cluster.Live(old)!.Number);
    }

    [Fact]
    public void Each_peer_ticks_on_its_own_drifting_clock()
    {
        var clocks = new ClockOptions
        {
            Peers = new Dictionary<long, PeerClock>
            {
                [1] = new(TimeSpan.Zero, 0),
                [2] = new(TimeSpan.FromSeconds(5), 20_000),
                [3] = new(TimeSpan.FromSeconds(1), -20_000),
            },
        };
        var scenario = Scenario.Create(seed: 14, voters: 3, clocks: clocks).StartAll().AwaitLeader(Bound).Write(5).AwaitConvergence(Bound);
        scenario.RunFor(TimeSpan.FromSeconds(60));
        var global = scenario.Now;
        var cluster = scenario.Ensemble.Cluster;
        foreach (var sid in new long[] { 1, 2, 3 })
        {
            // A peer is told its clock's reading at its last input; it never runs ahead of that clock.
            var lastTick = cluster.Live(sid)!.LastTick;
            Assert.True(lastTick <= clocks.Peers[sid].LocalAt(global));
            Assert.True(lastTick >= clocks.Peers[sid].LocalAt(global - TimeSpan.FromSeconds(5)));
        }
        Assert.True(cluster.Live(2)!.LastTick - cluster.Live(3)!.LastTick > global * 0.04 - TimeSpan.FromSeconds(1.2));
    }

    [Fact]
    public void A_clock_converts_between_global_and_local_time_both_ways()
    {
        var fast = new PeerClock(TimeSpan.FromMilliseconds(250), 20_000);
        Assert.Equal(TimeSpan.FromMilliseconds(250 + 1020), fast.LocalAt(TimeSpan.FromSeconds(1)));
        foreach (var clock in new[] { fast, new PeerClock(TimeSpan.Zero, -999), new PeerClock(TimeSpan.FromSeconds(3), 0) })
        {
            foreach (var local in new[] { TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(123_456.7) })
            {
                var global = clock.GlobalWhen(local);
                Assert.True(clock.LocalAt(global) >= local);
                Assert.True(clock.LocalAt(global - TimeSpan.FromTicks(1)) < local);
            }
        }
    }

    [Fact]
    public void Seeds_choose_drift_pauses_rot_on_a_minority_read_faults_and_quorum_only_heals()
    {
        var seeds = Enumerable.Range(1, 200).Select(seed => SimulationOptions.FromSeed((ulong)seed)).ToList();
        Assert.Contains(seeds, o => o.Clocks.Peers.Values.Any(clock => clock.DriftPpm != 0));
        Assert.Contains(seeds, o => o.Faults.PauseProbability > 0);
        Assert.Contains(seeds, o => o.Faults.RotProbability > 0 && o.Faults.RottingPeers.Count > 0);
        Assert.Contains(seeds, o => o.Disk.ReadFaultProbability > 0);
        Assert.InRange(seeds.Count(o => o.LivenessHealsQuorumOnly), 60, 140);
        Assert.All(seeds, o => Assert.True(o.Faults.RottingPeers.Count(o.Layout.IsVoter) <= o.Layout.MinorityMax));
    }

    [Fact]
    public void Seeded_runs_pause_peers_and_detect_rot_without_a_checker_firing()
    {
        var results = Enumerable.Range(1, 12).Select(seed =>
        {
            var derived = SimulationOptions.FromSeed((ulong)seed, voters: 5, observers: 0, safetyTicks: 3000);
            var options = derived with
            {
                Faults = derived.Faults with { RotProbability = 0.005, RottingPeers = [1, 2], PauseProbability = 0.005, CrashProbability = 0.002, RestartProbability = 0.01, MaxCrashed = 2 },
                Workload = derived.Workload with { WriteProbability = 0.2 },
            };
            return new Simulator(options).Run();
        }).ToList();
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Outcome}: {r.Property}: {r.Detail}\n{string.Join("\n", r.Pending)}"));
        Assert.Contains(results, r => !r.Summary.Contains(" 0 pauses", StringComparison.Ordinal));
        Assert.Contains(results, r => !r.Summary.Contains("(detected 0)", StringComparison.Ordinal));
    }
}
