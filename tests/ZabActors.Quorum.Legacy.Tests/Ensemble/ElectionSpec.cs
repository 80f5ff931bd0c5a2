using Xunit.Abstractions;
using ZabActors.Zab;
using static ZabActors.Quorum.Tests.TestTiming;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>Leader election with whole peers on one deterministic runtime and an in-process network.</summary>
public sealed class ElectionSpec(ITestOutputHelper output) : TestKit(TestKitOptions.VirtualTime(seed: 3), output)
{
    [Fact]
    public void Five_servers_started_one_by_one_with_growing_zxids_elect_the_third()
    {
        var ensemble = new TestEnsemble(this, 5);
        foreach (var sid in Enumerable.Range(1, 5))
        {
            ensemble.Seed(sid, 1, 1, [.. Enumerable.Range(1, sid).Select(c => T(1, c))]);
        }
        ensemble.Start(1);
        ensemble.Run(TimeSpan.FromSeconds(2));
        ensemble.Start(2);
        ensemble.Run(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(ensemble.Events.OfType<PeerStateChanged>(), e => e.State != ServerState.Looking);

        ensemble.Start(3);
        Assert.Equal(3, ensemble.AwaitSettled());
        ensemble.Start(4);
        ensemble.Start(5);
        Assert.Equal(3, ensemble.AwaitSettled());
        Assert.Single(ensemble.Events.OfType<LeaderEstablishedEvent>());
        // Servers 4 and 5 logged transactions nobody committed: the leader truncated them.
        foreach (var sid in Enumerable.Range(1, 5))
        {
            Assert.Equal(X(1, 3), ensemble.Storage[sid].Log.LastZxid);
            Assert.Equal([T(1, 1), T(1, 2), T(1, 3)], ensemble.Machines[sid].Applied);
        }
    }

    [Fact]
    public void Ties_on_the_zxid_are_broken_by_the_server_id()
    {
        var ensemble = new TestEnsemble(this, 3);
        foreach (var sid in Enumerable.Range(1, 3))
        {
            ensemble.Seed(sid, 1, 1, T(1, 1), T(1, 2));
        }
        ensemble.StartAll();
        Assert.Equal(3, ensemble.AwaitSettled());
    }

    [Fact]
    public void A_higher_epoch_beats_a_longer_log()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.Seed(1, 2, 2, T(1, 1), T(2, 1));
        ensemble.Seed(2, 1, 1, T(1, 1), T(1, 2), T(1, 3));
        ensemble.Seed(3, 1, 1, T(1, 1));
        ensemble.StartAll();
        Assert.Equal(1, ensemble.AwaitSettled());
        Assert.Equal([T(1, 1), T(2, 1)], ensemble.Machines[2].Applied);
    }

    [Fact]
    public void A_restarted_server_joins_the_established_leader_without_a_new_round()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var client = CreateTestProbe("client");
        ensemble.Commit(client, leader, 1, 10);
        var follower = leader == 1 ? 2 : 1;
        var epoch = ensemble.LastState(leader)!.Epoch;

        ensemble.Crash(follower);
        ensemble.Run(TimeSpan.FromMilliseconds(50));
        var restartedAt = ensemble.Events.Count;
        ensemble.Start(follower);
        Assert.Equal(leader, ensemble.AwaitSettled());

        var after = ensemble.Events.Skip(restartedAt).OfType<PeerStateChanged>().ToList();
        Assert.All(after, e => Assert.Equal(follower, e.Sid));
        Assert.True(after.Any(e => e is { State: ServerState.Following, Phase: ZabState.Broadcast } && e.LeaderSid == leader && e.Epoch == epoch),
            $"leader {leader} epoch {epoch}: {string.Join(", ", after)}");
        Assert.DoesNotContain(ensemble.Events.Skip(restartedAt), e => e is LeaderEstablishedEvent);
        Assert.Equal(ensemble.State(leader), ensemble.State(follower));
    }

    [Fact]
    public void A_minority_partition_never_elects_and_rejoins_after_healing()
    {
        var ensemble = new TestEnsemble(this, 5);
        ensemble.StartAll();
        var oldLeader = ensemble.AwaitSettled();
        var partner = oldLeader == 1 ? 2 : 1;
        long[] minority = [oldLeader, partner];
        long[] majority = [.. Enumerable.Range(1, 5).Select(i => (long)i).Except(minority)];
        var partitionedAt = ensemble.Events.Count;
        ensemble.Wire.Partition([minority, majority]);

        Assert.True(Runtime.RunUntil(
            () => ensemble.Events.Skip(partitionedAt).OfType<LeaderEstablishedEvent>().Any(e => majority.Contains(e.Sid)),
            TimeSpan.FromSeconds(10)));
        ensemble.Run(TimeSpan.FromSeconds(20));
        var minorityStates = ensemble.Events.Skip(partitionedAt).OfType<PeerStateChanged>().Where(e => minority.Contains(e.Sid)).ToList();
        Assert.Contains(minorityStates, e => e.State == ServerState.Looking);
        Assert.All(minorityStates, e => Assert.Equal(ServerState.Looking, e.State));
        Assert.All(minority, sid => Assert.Equal(ServerState.Looking, ensemble.LastState(sid)!.State));

        ensemble.Wire.Heal();
        var leader = ensemble.AwaitSettled(TimeSpan.FromSeconds(60));
        Assert.Contains(leader, majority);
        var client = CreateTestProbe("client");
        ensemble.Commit(client, oldLeader, 1, 5);
    }

    [Fact]
    public void Zxid_counter_rollover_forces_a_re_election_into_a_new_epoch()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var epoch = ensemble.LastState(leader)!.Epoch;
        var client = CreateTestProbe("client");
        ensemble.Commit(client, leader, 1, 2);
        ensemble.Peers[leader].Tell(new SkipZxidCounter(Zxid.CounterMax - 3), null);
        Runtime.RunUntilIdle();

        ensemble.Submit(client, leader, 3, 3);
        var replies = client.ReceiveN(3);
        Assert.Equal([X(epoch, Zxid.CounterMax - 2), X(epoch, Zxid.CounterMax - 1)], replies.OfType<WriteCommitted>().Select(c => c.Zxid));
        Assert.Contains("exhausted", Assert.Single(replies.OfType<WriteFailed>()).Reason);

        var newLeader = ensemble.AwaitSettled();
        var newEpoch = ensemble.LastState(newLeader)!.Epoch;
        Assert.True(newEpoch > epoch, $"epoch {newEpoch} after {epoch}");
        Assert.Equal(X(newEpoch, 1), ensemble.Commit(client, newLeader, 6, 1)[0].Zxid);
        Assert.All(ensemble.Peers.Keys, sid => Assert.Equal(ensemble.State(newLeader), ensemble.State(sid)));
    }
}
