using Xunit.Abstractions;
using ZabActors.Transport;
using ZabActors.Zab;
using static ZabActors.Quorum.Tests.TestTiming;

namespace ZabActors.Quorum.Tests;

/// <summary>A real leader against learners played by hand (ZooKeeper's Zab1_0Test, leader side).</summary>
public sealed class LeaderSpec(ITestOutputHelper output) : PeerConversation(output)
{
    [Fact]
    public void Leader_synchronizes_a_connecting_follower_and_commits_with_its_ack()
    {
        BecomeLeader(Zxid.Zero, 0);
        var c1 = Open(1);
        Deliver(c1, 1, new FollowerInfo(1, 0));
        Assert.Equal(new LeaderInfo(1), Expect<LeaderInfo>(c1));
        Assert.Equal(1, Disk().AcceptedEpoch);

        Deliver(c1, 1, new AckEpoch(0, Zxid.Zero));
        Assert.Equal(new Diff(Zxid.Zero), NextPacket(c1));
        Assert.Equal(new NewLeader(X(1, 0)), NextPacket(c1));
        Assert.Equal(1, Disk().CurrentEpoch);

        Deliver(c1, 1, new Ack(X(1, 0)));
        Assert.Equal(UpToDate.Instance, NextPacket(c1));
        AwaitEvent<PeerLeaderEstablished>(e => e.Epoch == 1);

        var client = CreateTestProbe("client");
        client.Send(Peer, new ClientWrite(1, "x"u8.ToArray()));
        var proposal = Expect<Proposal>(c1);
        Assert.Equal(X(1, 1), proposal.Txn.Zxid);
        AwaitEvent<PeerTxnProposed>(e => e.Txn == proposal.Txn);
        client.ExpectNoMsg(TimeSpan.FromMilliseconds(20));

        Deliver(c1, 1, new Ack(X(1, 1)));
        Assert.Equal(new Commit(X(1, 1)), Expect<Commit>(c1));
        Assert.Equal(new WriteCommitted(1, X(1, 1)), client.ExpectMsg<WriteCommitted>());
        Assert.Equal([proposal.Txn], Machine.Applied);
        AdvanceTicks(1);
        Assert.Equal(new Ping(X(1, 1)), Expect<Ping>(c1));
    }

    [Fact]
    public void Learner_behind_gets_a_DIFF_of_what_it_misses()
    {
        SeedLog(3, 1, 1, T(1, 1), T(1, 2), T(1, 3));
        BecomeLeader(X(1, 3), 1);
        var c1 = Open(1);
        Deliver(c1, 1, new FollowerInfo(1, 1));
        Assert.Equal(new LeaderInfo(2), Expect<LeaderInfo>(c1));
        Deliver(c1, 1, new AckEpoch(1, X(1, 1)));
        QuorumPacket[] expected =
        [
            new Diff(X(1, 3)), new Proposal(T(1, 2)), new Commit(X(1, 2)), new Proposal(T(1, 3)), new Commit(X(1, 3)),
            new NewLeader(X(2, 0)),
        ];
        Assert.Equal(expected, expected.Select(_ => NextPacket(c1)).ToArray());
    }

    [Fact]
    public void Learner_ahead_gets_a_TRUNC_of_its_uncommitted_tail()
    {
        SeedLog(3, 2, 2, T(1, 1), T(1, 2));
        BecomeLeader(X(1, 2), 2);
        var c1 = Open(1);
        Deliver(c1, 1, new FollowerInfo(1, 1));
        Assert.Equal(new LeaderInfo(3), Expect<LeaderInfo>(c1));
        Deliver(c1, 1, new AckEpoch(1, X(1, 3)));
        Assert.Equal(new Trunc(X(1, 2)), NextPacket(c1));
        Assert.Equal(new NewLeader(X(3, 0)), NextPacket(c1));
    }

    [Fact]
    public void Learner_far_behind_gets_a_SNAP_of_the_applied_state()
    {
        BecomeLeader(Zxid.Zero, 0, Timing with { CommittedLogSize = 2 });
        var c1 = Establish(1);
        var client = CreateTestProbe("client");
        for (var i = 1; i <= 5; i++)
        {
            client.Send(Peer, new ClientWrite(i, [(byte)i]));
            var proposal = Expect<Proposal>(c1);
            Deliver(c1, 1, new Ack(proposal.Txn.Zxid));
            client.ExpectMsg<WriteCommitted>();
        }

        var c2 = Open(2);
        Deliver(c2, 2, new FollowerInfo(2, 0));
        Expect<LeaderInfo>(c2);
        Deliver(c2, 2, new AckEpoch(0, Zxid.Zero));
        var snap = Expect<Snap>(c2);
        Assert.Equal(X(1, 5), snap.Snapshot.Zxid);
        Assert.Equal(Machine.TakeSnapshot(), snap.Snapshot);
        Assert.Equal(new NewLeader(X(1, 0)), NextPacket(c2));
        Deliver(c2, 2, new Ack(X(1, 0)));
        Assert.Equal(UpToDate.Instance, Expect<UpToDate>(c2));
    }

    [Fact]
    public void NEWLEADER_not_acknowledged_within_init_limit_sends_the_leader_back_to_LOOKING()
    {
        BecomeLeader(Zxid.Zero, 0);
        var c1 = Open(1);
        Deliver(c1, 1, new FollowerInfo(1, 0));
        Expect<LeaderInfo>(c1);
        Deliver(c1, 1, new AckEpoch(0, Zxid.Zero));
        Expect<NewLeader>(c1);
        AdvanceTicks(Timing.InitLimitTicks - 2);
        Assert.Equal(ServerState.Leading, Status().State);
        AdvanceTicks(3);
        var ended = AwaitEvent<PeerRoleEnded>();
        Assert.Equal(ServerState.Leading, ended.State);
        AwaitState(ServerState.Looking);
        ExpectClosed(c1);
    }

    [Fact]
    public void Leader_that_loses_its_quorum_goes_back_to_LOOKING()
    {
        BecomeLeader(Zxid.Zero, 0);
        var c1 = Establish(1);
        Close(c1, "follower crashed");
        AdvanceTicks(1);
        AwaitState(ServerState.Looking);
        var client = CreateTestProbe("client");
        client.Send(Peer, new ClientWrite(1, [1]));
        client.ExpectMsg<WriteFailed>();
    }

    [Fact]
    public void Zxid_counter_rollover_ends_the_epoch_and_the_leader_looks_again()
    {
        BecomeLeader(Zxid.Zero, 0);
        var c1 = Establish(1);
        Peer.Tell(new QuorumPeerActor.SkipZxidCounter(Zxid.CounterMax - 2), TestActor);
        var client = CreateTestProbe("client");
        client.Send(Peer, new ClientWrite(1, [1]));
        var last = Expect<Proposal>(c1).Txn.Zxid;
        Assert.Equal(Zxid.CounterMax - 1, last.Counter);
        Deliver(c1, 1, new Ack(last));
        Assert.Equal(new WriteCommitted(1, last), client.ExpectMsg<WriteCommitted>());

        client.Send(Peer, new ClientWrite(2, [2]));
        Assert.Equal(2, client.ExpectMsg<WriteFailed>().RequestId);
        Assert.Contains("rolled over", AwaitEvent<PeerRoleEnded>().Reason);
        AwaitState(ServerState.Looking);
        ExpectClosed(c1);
    }

    [Fact]
    public void ZOOKEEPER_1343_the_proposed_epoch_exceeds_every_accepted_epoch()
    {
        BecomeLeader(Zxid.Zero, 0);
        var c1 = Open(1);
        Deliver(c1, 1, new FollowerInfo(1, 5));
        Assert.Equal(new LeaderInfo(6), Expect<LeaderInfo>(c1));
        Assert.Equal(6, Disk().AcceptedEpoch);
    }

    [Fact]
    public void ZOOKEEPER_1192_synchronization_waits_for_a_quorum_of_epoch_acks()
    {
        StartPeer(5, voters: 5);
        ElectSelf(Zxid.Zero, 0, 1, 2, 3);
        var c1 = Open(1);
        Deliver(c1, 1, new FollowerInfo(1, 0));
        // Leader and server 1 are two of five: the epoch is not decided yet.
        NoPacket(p => p is LeaderInfo);
        var c2 = Open(2);
        Deliver(c2, 2, new FollowerInfo(2, 0));
        Expect<LeaderInfo>(c1);
        Expect<LeaderInfo>(c2);

        Deliver(c1, 1, new AckEpoch(0, Zxid.Zero));
        NoPacket(p => p is Diff or NewLeader);
        Deliver(c2, 2, new AckEpoch(0, Zxid.Zero));
        Expect<NewLeader>(c1);
        Expect<NewLeader>(c2);
    }

    [Fact]
    public void Bad_input_from_learners_ends_only_their_session()
    {
        BecomeLeader(Zxid.Zero, 0);
        var c1 = Open(1);
        Deliver(c1, 1, new Proposal(T(1, 1)));
        ExpectClosed(c1);

        var c2 = Open(2);
        Deliver(c2, 2, new FollowerInfo(1, 0));
        ExpectClosed(c2);

        var stranger = Open(99);
        ExpectClosed(stranger);

        Deliver(99, new Notification(99, Zxid.Zero, 1, ServerState.Looking, 99, 0));
        Assert.Equal(ServerState.Leading, Status().State);
        Establish(1);
        AwaitEvent<PeerLeaderEstablished>(e => e.Epoch == 1);
    }

    private void BecomeLeader(Zxid zxid, long epoch, ZabTiming? timing = null)
    {
        StartPeer(3, voters: 3, timing: timing);
        ElectSelf(zxid, epoch, 1, 2);
    }

    private ConnectionId Establish(long learner)
    {
        var connection = Open(learner);
        Deliver(connection, learner, new FollowerInfo(learner, 0));
        var epoch = Expect<LeaderInfo>(connection).NewEpoch;
        Deliver(connection, learner, new AckEpoch(0, Zxid.Zero));
        Expect<NewLeader>(connection);
        Deliver(connection, learner, new Ack(X(epoch, 0)));
        Expect<UpToDate>(connection);
        return connection;
    }
}
