using Xunit.Abstractions;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>ZooKeeper bugs replayed with whole peers (QuorumPeerMainTest and friends), at the level of the wiring.</summary>
public sealed class JiraSpec(ITestOutputHelper output) : TestKit(TestKitOptions.VirtualTime(seed: 5), output)
{
    [Fact]
    public void ZOOKEEPER_1154_1156_the_server_with_the_highest_zxid_joins_late_and_rolls_back()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var client = CreateTestProbe("client");
        ensemble.Commit(client, leader, 1, 2);
        var followers = ensemble.Peers.Keys.Where(sid => sid != leader).ToList();
        followers.ForEach(ensemble.Crash);

        // Only the leader logs this one: it can never commit.
        client.Send(ensemble.Peers[leader], new ClientWrite(3, TestEnsemble.Payload(3)));
        Runtime.RunUntilIdle();
        var orphan = ensemble.Storage[leader].Log.DurableTxns()[^1];
        Assert.Equal("write-3", System.Text.Encoding.UTF8.GetString(ClientTxn.Payload(orphan).Span));
        ensemble.Crash(leader);
        Assert.Equal(3, client.ExpectMsg<WriteFailed>().RequestId);

        followers.ForEach(sid => ensemble.Start(sid));
        var newLeader = ensemble.AwaitSettled();
        Assert.Contains(newLeader, followers);
        Assert.Equal(["write-1", "write-2"], ensemble.State(newLeader));
        ensemble.Commit(client, newLeader, 4, 1);

        ensemble.Start(leader);
        Assert.Equal(newLeader, ensemble.AwaitSettled());
        Assert.Equal(["write-1", "write-2", "write-4"], ensemble.State(leader));
        Assert.All(followers, sid => Assert.Equal(ensemble.State(leader), ensemble.State(sid)));
        Assert.DoesNotContain(ensemble.Events.OfType<TxnDelivered>(), e => e.Txn == orphan);
    }

    [Fact]
    public void ZOOKEEPER_2845_a_deposed_leader_that_keeps_its_database_drops_its_uncommitted_proposal()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var client = CreateTestProbe("client");
        ensemble.Commit(client, leader, 1, 2);
        var followers = ensemble.Peers.Keys.Where(sid => sid != leader).ToArray();

        ensemble.Wire.Partition([[leader], followers]);
        // Before its next tick the isolated leader still leads: it logs a proposal nobody acknowledges.
        client.Send(ensemble.Peers[leader], new ClientWrite(3, TestEnsemble.Payload(3)));
        Runtime.RunUntilIdle();
        var orphan = ensemble.Storage[leader].Log.DurableTxns()[^1];
        Assert.Equal("write-3", System.Text.Encoding.UTF8.GetString(ClientTxn.Payload(orphan).Span));
        Assert.Equal(3, client.ExpectMsg<WriteFailed>(TimeSpan.FromSeconds(1)).RequestId);

        Assert.True(Runtime.RunUntil(
            () => ensemble.Events.OfType<LeaderEstablishedEvent>().Any(e => followers.Contains(e.Sid)), TimeSpan.FromSeconds(10)));
        ensemble.Wire.Heal();
        var newLeader = ensemble.AwaitSettled(TimeSpan.FromSeconds(60));
        Assert.NotEqual(leader, newLeader);
        Assert.DoesNotContain(orphan, ensemble.Storage[leader].Log.DurableTxns());

        ensemble.Crash(leader);
        ensemble.Start(leader);
        ensemble.AwaitSettled();
        ensemble.Commit(client, newLeader, 4, 1);
        Assert.All(ensemble.Peers.Keys, sid => Assert.Equal(["write-1", "write-2", "write-4"], ensemble.State(sid)));
        Assert.DoesNotContain(ensemble.Events.OfType<TxnDelivered>(), e => e.Txn == orphan);
    }

    [Fact]
    public void ZOOKEEPER_2832_servers_that_diverged_resynchronize_to_one_history()
    {
        const long a = 1, b = 2, c = 3;
        var ensemble = new TestEnsemble(this, 3);
        var client = CreateTestProbe("client");
        ensemble.StartAll();
        Assert.Equal(c, ensemble.AwaitSettled());
        ensemble.Commit(client, c, 1, 2);
        new[] { a, b, c }.ToList().ForEach(ensemble.Crash);

        ensemble.Start(a);
        ensemble.Start(b);
        Assert.Equal(b, ensemble.AwaitSettled());
        ensemble.Crash(a);
        client.Send(ensemble.Peers[b], new ClientWrite(3, TestEnsemble.Payload(3)));
        Runtime.RunUntilIdle();
        ensemble.Crash(b);
        client.ExpectMsg<WriteFailed>();

        ensemble.Start(a);
        ensemble.Start(c);
        Assert.Equal(a, ensemble.AwaitSettled());
        ensemble.Crash(a);
        ensemble.Crash(c);

        ensemble.Start(b);
        ensemble.Start(c);
        Assert.Equal(c, ensemble.AwaitSettled());
        ensemble.Commit(client, c, 4, 1);
        ensemble.Crash(b);
        ensemble.Crash(c);

        ensemble.Start(b);
        ensemble.Start(c);
        Assert.Equal(c, ensemble.AwaitSettled());
        ensemble.Start(a);
        Assert.Equal(c, ensemble.AwaitSettled());
        Assert.All(new[] { a, b, c }, sid => Assert.Equal(["write-1", "write-2", "write-4"], ensemble.State(sid)));
    }

    [Fact]
    public void ZOOKEEPER_3104_NEWLEADER_follows_the_whole_snapshot_sync_while_writes_go_on()
    {
        var ensemble = new TestEnsemble(this, TestTiming.Timing with { CommittedLogSize = 4 }, 3);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var client = CreateTestProbe("client");
        var follower = ensemble.Peers.Keys.First(sid => sid != leader);
        ensemble.Crash(follower);
        ensemble.Commit(client, leader, 1, 20);

        ensemble.Start(follower);
        ensemble.Submit(client, leader, 21, 20);
        ensemble.AwaitSettled();
        Assert.All(client.ReceiveN(20, TimeSpan.FromSeconds(10)), reply => Assert.IsType<WriteCommitted>(reply));

        var sync = ensemble.Network.SentTo(follower)[^1];
        var snap = Assert.IsType<Snap>(sync.First(p => p is Snap or Diff or Trunc));
        var snapAt = sync.ToList().IndexOf(snap);
        var newLeaderAt = sync.ToList().FindIndex(p => p is NewLeader);
        Assert.True(snapAt < newLeaderAt, "NEWLEADER went out before the snapshot");
        var bridged = sync.Skip(snapAt + 1).Take(newLeaderAt - snapAt - 1).OfType<Proposal>().Select(p => p.Txn.Zxid).ToList();
        Assert.All(bridged, zxid => Assert.True(zxid > snap.Snapshot.Zxid));
        Assert.Equal(bridged.Order(), bridged);

        // Crashing right after the sync must not leave the follower with a partial history.
        ensemble.Crash(follower);
        ensemble.Start(follower);
        ensemble.AwaitSettled();
        Assert.Equal(40, ensemble.State(leader).Count);
        Assert.Equal(ensemble.State(leader), ensemble.State(follower));
    }
}
