using ZabActors.Zab;

namespace ZabActors.Simulation.Tests;

/// <summary>Hand-picked cases on the full stack (peers, simulated network and disks), every checker on.</summary>
public sealed class ScenarioTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public void A_new_leader_takes_over_after_the_leader_crashes_and_no_acknowledged_write_is_lost()
    {
        var scenario = Scenario.Create(seed: 1, voters: 3, observers: 1).StartAll().AwaitLeader(Bound);
        scenario.Write(20).AwaitConvergence(Bound);
        var first = scenario.Leader;

        scenario.Crash(first).Write(20).AwaitLeader(Bound);
        var second = scenario.Leader;
        Assert.NotEqual(first, second);

        scenario.Restart(first).AwaitConvergence(Bound);
        Assert.Equal(40, scenario.Ensemble.Workload.Completed);
        Assert.True(scenario.Ensemble.Checkers.Prefix.Global.Count >= 40);
    }

    [Fact]
    public void A_minority_side_commits_nothing_and_catches_up_after_the_heal()
    {
        var scenario = Scenario.Create(seed: 2, voters: 5).StartAll().AwaitLeader(Bound);
        var leader = scenario.Leader;
        var minority = new[] { leader, leader % 5 + 1 };
        var majority = scenario.Ensemble.Options.Layout.AllIds.Except(minority).ToArray();

        scenario.Partition(minority, majority).Write(10)
            .Await(e => e.EstablishedLeader() is { } established && majority.Contains(established), Bound, "a leader on the majority side");
        scenario.RunFor(TimeSpan.FromSeconds(30));
        foreach (var sid in minority)
        {
            Assert.Equal(0, scenario.Ensemble.Checkers.Prefix.DeliveredCount(sid));
        }

        scenario.Heal().AwaitConvergence(Bound);
        Assert.All(scenario.Ensemble.Options.Layout.AllIds, sid => Assert.Equal(
            scenario.Ensemble.Checkers.Prefix.Global.Count, scenario.Ensemble.Checkers.Prefix.DeliveredCount(sid)));
    }

    [Fact]
    public void A_whole_ensemble_crash_keeps_every_acknowledged_write()
    {
        var scenario = Scenario.Create(seed: 3, voters: 3).StartAll().AwaitLeader(Bound).Write(30).AwaitConvergence(Bound);
        foreach (var sid in scenario.Ensemble.Options.Layout.AllIds) scenario.Crash(sid);
        foreach (var sid in scenario.Ensemble.Options.Layout.AllIds) scenario.Restart(sid);
        scenario.AwaitLeader(Bound).Write(5).AwaitConvergence(Bound);
        Assert.Equal(35, scenario.Ensemble.Checkers.Prefix.Global.Count);
    }

    [Fact]
    public void Observers_learn_every_transaction_but_never_count_for_a_quorum()
    {
        var scenario = Scenario.Create(seed: 4, voters: 3, observers: 2).StartAll().AwaitLeader(Bound).Write(10).AwaitConvergence(Bound);
        var leader = scenario.Leader;
        var followers = scenario.Ensemble.Options.Layout.VoterIds.Where(sid => sid != leader).ToArray();
        foreach (var sid in followers) scenario.Crash(sid);
        scenario.Write(3).RunFor(TimeSpan.FromSeconds(30));
        Assert.Equal(10, scenario.Ensemble.Checkers.Prefix.Global.Count);
        Assert.Equal(3, scenario.Ensemble.Workload.PendingCount);
        foreach (var sid in followers) scenario.Restart(sid);
        scenario.AwaitConvergence(Bound);
        Assert.Equal(13, scenario.Ensemble.Workload.Completed);
    }

    [Fact]
    public void The_election_picks_the_voter_with_the_newest_log()
    {
        var scenario = Scenario.Create(seed: 5, voters: 3).StartAll().AwaitLeader(Bound).Write(5).AwaitConvergence(Bound);
        var leader = scenario.Leader;
        var lagging = scenario.Ensemble.Options.Layout.VoterIds.First(sid => sid != leader);
        var other = scenario.Ensemble.Options.Layout.VoterIds.First(sid => sid != leader && sid != lagging);
        scenario.Crash(lagging).Write(5).AwaitConvergenceOf(leader, other);
        scenario.Crash(leader).Restart(lagging).AwaitLeader(Bound);
        Assert.Equal(other, scenario.Leader);
        Assert.Equal(ServerState.Following, scenario.Ensemble.Cluster.Live(lagging)?.Core.State);
    }
}

/// <summary>Scenario steps only these tests need.</summary>
internal static class ScenarioTestExtensions
{
    public static Scenario AwaitConvergenceOf(this Scenario scenario, params long[] sids) =>
        scenario.Await(
            e => e.Workload.PendingCount == 0 && sids.All(sid => e.Checkers.Prefix.DeliveredCount(sid) == e.Checkers.Prefix.Global.Count),
            TimeSpan.FromMinutes(3),
            $"peers {string.Join(",", sids)} caught up");
}
