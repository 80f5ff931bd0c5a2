using Xunit.Abstractions;
using ZabActors.Zab;
using static ZabActors.Quorum.Tests.TestTiming;

namespace ZabActors.Quorum.Tests;

/// <summary>A real leader against learners played by hand (ZooKeeper's Zab1_0Test, leader side).</summary>
public sealed class LeaderSpec(ITestOutputHelper output) : PeerConversation(output)
{
    private static readonly ConnectionId C1 = new(1);
    private static readonly ConnectionId C2 = new(2);

    [Fact]
    public void Leader_synchronizes_a_connecting_follower_and_commits_with_its_ack()
    {
        BecomeLeader(Zxid.Zero, 0);
        Open(C1, 1);
        Deliver(C1, 1, new FollowerInfo(1, 0));
        Assert.Equal(new LeaderInfo(1), Expect<LeaderInfo>(C1));
        Assert.Equal(1, Storage.Epochs.AcceptedEpoch);

        Deliver(C1, 1, new AckEpoch(0, Zxid.Zero));
        Assert.Equal(new Diff(Zxid.Zero), NextPacket(C1));
        Assert.Equal(new NewLeader(X(1, 0)), NextPacket(C1));
        Assert.Equal(1, Storage.Epochs.CurrentEpoch);
        Assert.DoesNotContain(Events, e => e is LeaderEstablishedEvent);

        Deliver(C1, 1, new Ack(X(1, 0)));
        Assert.Equal(UpToDate.Instance, NextPacket(C1));
        AwaitEvent<LeaderEstablishedEvent>(e => e == new LeaderEstablishedEvent(3, 1));

        var client = CreateTestProbe("client");
        client.Send(Peer, new ClientWrite(1, "x"u8.ToArray()));
        var proposal = Expect<Proposal>(C1);
        Assert.Equal(X(1, 1), proposal.Txn.Zxid);
        Assert.Contains(new TxnProposed(3, proposal.Txn), Events);
        client.ExpectNoMsg(TimeSpan.FromMilliseconds(10));

        Deliver(C1, 1, new Ack(X(1, 1)));
        Assert.Equal(new Commit(X(1, 1)), Expect<Commit>(C1));
        Assert.Equal(new WriteCommitted(1, X(1, 1)), client.ExpectMsg<WriteCommitted>());
        Assert.Equal([proposal.Txn], Machine.Applied);
        Assert.Equal(new Ping(X(1, 1)), Expect<Ping>(C1, TimeSpan.FromMilliseconds(150)));
    }

    [Fact]
    public void Learner_behind_gets_a_DIFF_of_what_it_misses()
    {
        SeedLog(1, 1, T(1, 1), T(1, 2), T(1, 3));
        BecomeLeader(X(1, 3), 1);
        Open(C1, 1);
        Deliver(C1, 1, new FollowerInfo(1, 1));
        Assert.Equal(new LeaderInfo(2), Expect<LeaderInfo>(C1));
        Deliver(C1, 1, new AckEpoch(1, X(1, 1)));
        QuorumPacket[] expected =
        [
            new Diff(X(1, 3)), new Proposal(T(1, 2)), new Commit(X(1, 2)), new Proposal(T(1, 3)), new Commit(X(1, 3)),
            new NewLeader(X(2, 0)),
        ];
        Assert.Equal(expected, expected.Select(_ => NextPacket(C1)));
    }

    [Fact]
    public void Learner_ahead_gets_a_TRUNC_of_its_uncommitted_tail()
    {
        SeedLog(2, 2, T(1, 1), T(1, 2));
        BecomeLeader(X(1, 2), 2);
        Open(C1, 1);
        Deliver(C1, 1, new FollowerInfo(1, 1));
        Assert.Equal(new LeaderInfo(3), Expect<LeaderInfo>(C1));
        Deliver(C1, 1, new AckEpoch(1, X(1, 3)));
        Assert.Equal(new Trunc(X(1, 2)), NextPacket(C1));
        Assert.Equal(new NewLeader(X(3, 0)), NextPacket(C1));
    }

    [Fact]
    public void Learner_far_behind_gets_a_SNAP_of_the_applied_state()
    {
        var timing = Timing with { CommittedLogSize = 2 };
        BecomeLeader(Zxid.Zero, 0, timing);
        Establish(C1, 1);
        var client = CreateTestProbe("client");
        for (var i = 1; i <= 5; i++)
        {
            client.Send(Peer, new ClientWrite(i, [(byte)i]));
            var proposal = Expect<Proposal>(C1);
            Deliver(C1, 1, new Ack(proposal.Txn.Zxid));
            client.ExpectMsg<WriteCommitted>();
        }

        Open(C2, 2);
        Deliver(C2, 2, new FollowerInfo(2, 0));
        Expect<LeaderInfo>(C2);
        Deliver(C2, 2, new AckEpoch(0, Zxid.Zero));
        var snap = Expect<Snap>(C2);
        Assert.Equal(X(1, 5), snap.Snapshot.Zxid);
        Assert.Equal(Machine.TakeSnapshot(), snap.Snapshot);
        Assert.Equal(new NewLeader(X(1, 0)), NextPacket(C2));
        Deliver(C2, 2, new Ack(X(1, 0)));
        Assert.Equal(UpToDate.Instance, Expect<UpToDate>(C2));
    }

    [Fact]
    public void NEWLEADER_not_acknowledged_within_init_limit_sends_the_leader_back_to_LOOKING()
    {
        BecomeLeader(Zxid.Zero, 0);
        Open(C1, 1);
        Deliver(C1, 1, new FollowerInfo(1, 0));
        Expect<LeaderInfo>(C1);
        Deliver(C1, 1, new AckEpoch(0, Zxid.Zero));
        Expect<NewLeader>(C1);
        var decidedAt = Runtime.Elapsed;
        AwaitState(ServerState.Looking, TimeSpan.FromSeconds(2));
        // init-limit is 10 ticks of 100 ms.
        Assert.InRange(Runtime.Elapsed - decidedAt, TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(1100));
        Assert.DoesNotContain(Events, e => e is LeaderEstablishedEvent);
        ExpectClosed(C1);
    }

    [Fact]
    public void Leader_that_loses_its_quorum_goes_back_to_LOOKING()
    {
        BecomeLeader(Zxid.Zero, 0);
        Establish(C1, 1);
        Peer.Tell(new ConnectionClosed(C1, "follower crashed"), null);
        AwaitState(ServerState.Looking, TimeSpan.FromMilliseconds(150));
        var client = CreateTestProbe("client");
        client.Send(Peer, new ClientWrite(1, [1]));
        client.ExpectMsg<WriteFailed>();
    }

    [Fact]
    public void ZOOKEEPER_1343_the_proposed_epoch_exceeds_every_accepted_epoch()
    {
        BecomeLeader(Zxid.Zero, 0);
        Open(C1, 1);
        Deliver(C1, 1, new FollowerInfo(1, 5));
        Assert.Equal(new LeaderInfo(6), Expect<LeaderInfo>(C1));
        Assert.Equal(6, Storage.Epochs.AcceptedEpoch);
    }

    [Fact]
    public void ZOOKEEPER_1192_synchronization_waits_for_a_quorum_of_epoch_acks()
    {
        StartPeer(5, voters: 5);
        ElectSelf(Zxid.Zero, 0, 1, 2, 3);
        AwaitState(ServerState.Leading, TimeSpan.FromSeconds(1));
        Open(C1, 1);
        Deliver(C1, 1, new FollowerInfo(1, 0));
        // Leader and server 1 are two of five: the epoch is not decided yet.
        NoPacket(p => p is LeaderInfo, TimeSpan.FromMilliseconds(50));
        Open(C2, 2);
        Deliver(C2, 2, new FollowerInfo(2, 0));
        Expect<LeaderInfo>(C1);
        Expect<LeaderInfo>(C2);

        Deliver(C1, 1, new AckEpoch(0, Zxid.Zero));
        // Leader and server 1 acknowledged: two of five, so nobody is synchronized yet.
        NoPacket(p => p is Diff or NewLeader, TimeSpan.FromMilliseconds(100));
        Deliver(C2, 2, new AckEpoch(0, Zxid.Zero));
        Expect<NewLeader>(C1);
        Expect<NewLeader>(C2);
    }

    [Fact]
    public void Bad_input_from_learners_ends_only_their_session()
    {
        BecomeLeader(Zxid.Zero, 0);
        Open(C1, 1);
        Deliver(C1, 1, new Proposal(T(1, 1)));
        ExpectClosed(C1);

        Open(C2, 2);
        Deliver(C2, 2, new FollowerInfo(1, 0));
        ExpectClosed(C2);

        Open(new ConnectionId(3), 99);
        ExpectClosed(new ConnectionId(3));

        Deliver(new ConnectionId(4), 1, new Ack(X(1, 0)));
        ExpectClosed(new ConnectionId(4));

        Deliver(99, new Notification(99, Zxid.Zero, 1, ServerState.Looking, 99, 0));
        Peer.Tell(new PeerEnvelope(1, "not a notification"), null);

        Assert.Equal(ServerState.Leading, Status().State);
        Establish(new ConnectionId(5), 1);
        AwaitEvent<LeaderEstablishedEvent>(e => e == new LeaderEstablishedEvent(3, 1));
    }

    private void BecomeLeader(Zxid zxid, long epoch, ZabTiming? timing = null)
    {
        StartPeer(3, voters: 3, timing: timing);
        ElectSelf(zxid, epoch, 1, 2);
        AwaitState(ServerState.Leading, TimeSpan.FromSeconds(1));
    }

    private void Establish(ConnectionId connection, long learner)
    {
        Open(connection, learner);
        Deliver(connection, learner, new FollowerInfo(learner, 0));
        var epoch = Expect<LeaderInfo>(connection).NewEpoch;
        Deliver(connection, learner, new AckEpoch(0, Zxid.Zero));
        Expect<NewLeader>(connection);
        Deliver(connection, learner, new Ack(X(epoch, 0)));
        Expect<UpToDate>(connection);
    }
}
