using Xunit.Abstractions;
using static ZabActors.Transport.PeerTransport;
using ZabActors.Zab;
using static ZabActors.Quorum.Tests.TestTiming;

namespace ZabActors.Quorum.Tests;

/// <summary>A real follower against a leader played by hand (ZooKeeper's Zab1_0Test, follower side).</summary>
public sealed class FollowerSpec(ITestOutputHelper output) : PeerConversation(output)
{
    [Fact]
    public void Follower_runs_discovery_DIFF_sync_and_broadcast_with_a_scripted_leader()
    {
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);

        var connection = ExpectConnect(2);
        Assert.Equal(new FollowerInfo(1, 0), Expect<FollowerInfo>(connection));
        Assert.Equal(ServerState.Following, Status().State);

        Deliver(connection, 2, new LeaderInfo(1));
        Assert.Equal(new AckEpoch(0, Zxid.Zero), Expect<AckEpoch>(connection));
        Assert.Equal(1, Disk().AcceptedEpoch);

        Deliver(connection, 2, new Diff(Zxid.Zero));
        Deliver(connection, 2, new Proposal(T(1, 1)));
        Deliver(connection, 2, new Commit(X(1, 1)));
        Deliver(connection, 2, new NewLeader(X(1, 0)));
        Assert.Equal(new Ack(X(1, 0)), Expect<Ack>(connection));
        var disk = Disk();
        Assert.Equal(1, disk.CurrentEpoch);
        Assert.Equal([T(1, 1)], disk.Txns.ToArray());
        Assert.Empty(Machine.Applied);

        Deliver(connection, 2, UpToDate.Instance);
        AwaitEvent<PeerTxnApplied>(e => e.Txn == T(1, 1));
        AwaitPhase(p => p is { State: ServerState.Following, LeaderSid: 2, Epoch: 1, Phase: ZabState.Broadcast });

        Deliver(connection, 2, new Proposal(T(1, 2)));
        // The ack follows the durable write: once it is out, the txn is in the journal.
        Take<Send>(s => s.Connection == connection && s.Packet == new Ack(X(1, 2)));
        Assert.Equal(X(1, 2), Disk().LastLoggedZxid);
        Assert.Equal([T(1, 1)], Machine.Applied);
        Deliver(connection, 2, new Commit(X(1, 2)));
        AwaitEvent<PeerTxnApplied>(e => e.Txn == T(1, 2));
        Assert.Equal([T(1, 1), T(1, 2)], Machine.Applied);

        Deliver(connection, 2, new Ping(X(1, 2)));
        Assert.Equal(new Ping(X(1, 2)), Expect<Ping>(connection));
        var status = Status();
        Assert.Equal((ServerState.Following, 1L, 1L, X(1, 2), X(1, 2), (long?)2),
            (status.State, status.AcceptedEpoch, status.CurrentEpoch, status.LastLoggedZxid, status.LastAppliedZxid, status.LeaderSid));
    }

    [Fact]
    public void Follower_forwards_client_writes_as_requests_and_answers_when_applied()
    {
        var connection = FollowInBroadcast();
        var client = CreateTestProbe("client");
        client.Send(Peer, new ClientWrite(7, "hello"u8.ToArray()));
        var request = Expect<Request>(connection);
        Assert.True(TxnOrigin.TryDecode(request.Data, out var origin, out _));
        Assert.Equal(1, origin);
        client.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        var txn = new Txn(X(1, 1), request.Data);
        Deliver(connection, 2, new Proposal(txn));
        Expect<Ack>(connection);
        Deliver(connection, 2, new Commit(txn.Zxid));
        Assert.Equal(new WriteCommitted(7, X(1, 1)), client.ExpectMsg<WriteCommitted>());
    }

    [Fact]
    public void Follower_fails_pending_writes_when_it_loses_its_leader()
    {
        var connection = FollowInBroadcast();
        var client = CreateTestProbe("client");
        client.Send(Peer, new ClientWrite(9, [1, 2, 3]));
        Expect<Request>(connection);
        Close(connection, "reset by peer");
        Assert.Equal(9, client.ExpectMsg<WriteFailed>().RequestId);
        AwaitState(ServerState.Looking);
        client.Send(Peer, new ClientWrite(10, [1]));
        Assert.Contains("LOOKING", client.ExpectMsg<WriteFailed>().Reason);
    }

    [Fact]
    public void Leader_epoch_lower_than_the_accepted_one_is_refused()
    {
        SeedLog(1, acceptedEpoch: 5, currentEpoch: 4, T(4, 1));
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, X(4, 1), peerEpoch: 4);
        var connection = ExpectConnect(2);
        Assert.Equal(new FollowerInfo(1, 5), Expect<FollowerInfo>(connection));

        Deliver(connection, 2, new LeaderInfo(3));
        ExpectClosed(connection);
        AwaitState(ServerState.Looking);
        var disk = Disk();
        Assert.Equal((5L, 4L), (disk.AcceptedEpoch, disk.CurrentEpoch));
    }

    [Fact]
    public void Follower_gives_up_on_a_leader_silent_past_the_sync_limit()
    {
        var connection = FollowInBroadcast();
        // sync-limit is 5 ticks; the scripted leader never pings.
        AdvanceTicks(Timing.SyncLimitTicks + 1);
        ExpectClosed(connection);
        AwaitState(ServerState.Looking);
    }

    [Fact]
    public void Follower_truncates_its_uncommitted_tail_on_TRUNC()
    {
        SeedLog(1, acceptedEpoch: 1, currentEpoch: 1, T(1, 1), T(1, 2), T(1, 3));
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, X(1, 2), peerEpoch: 1);
        var connection = ExpectConnect(2);
        Expect<FollowerInfo>(connection);
        Deliver(connection, 2, new LeaderInfo(2));
        Assert.Equal(new AckEpoch(1, X(1, 3)), Expect<AckEpoch>(connection));

        Deliver(connection, 2, new Trunc(X(1, 2)));
        Deliver(connection, 2, new NewLeader(X(2, 0)));
        Expect<Ack>(connection);
        Assert.Equal([T(1, 1), T(1, 2)], Disk().Txns.ToArray());
        Deliver(connection, 2, UpToDate.Instance);
        AwaitEvent<PeerTxnApplied>(e => e.Txn == T(1, 2));
        Assert.Equal([T(1, 1), T(1, 2)], Machine.Applied);
    }

    [Fact]
    public void Follower_installs_a_SNAP_before_acknowledging_NEWLEADER()
    {
        SeedLog(1, acceptedEpoch: 1, currentEpoch: 1, T(1, 1));
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, X(1, 9), peerEpoch: 1);
        var connection = ExpectConnect(2);
        Expect<FollowerInfo>(connection);
        Deliver(connection, 2, new LeaderInfo(2));
        Expect<AckEpoch>(connection);

        var leaderState = new ListStateMachine();
        foreach (var counter in Enumerable.Range(1, 9))
        {
            leaderState.Apply(T(1, counter));
        }
        Deliver(connection, 2, new Snap(leaderState.TakeSnapshot()));
        Deliver(connection, 2, new Proposal(T(2, 1)));
        Deliver(connection, 2, new NewLeader(X(2, 0)));
        Assert.Equal(new Ack(X(2, 0)), Expect<Ack>(connection));
        var disk = Disk();
        Assert.Equal(X(1, 9), disk.SnapshotZxid);
        Assert.Equal([T(2, 1)], disk.Txns.ToArray());
        Assert.Equal(leaderState.Applied, Machine.Applied);

        Deliver(connection, 2, UpToDate.Instance);
        Deliver(connection, 2, new Commit(X(2, 1)));
        AwaitEvent<PeerTxnApplied>(e => e.Txn == T(2, 1));
        Assert.Equal([.. leaderState.Applied, T(2, 1)], Machine.Applied);
    }

    /// <summary>Starts follower 1 of 3 and plays leader 2 through to broadcast in epoch 1.</summary>
    private Transport.ConnectionId FollowInBroadcast()
    {
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);
        var connection = ExpectConnect(2);
        Expect<FollowerInfo>(connection);
        Deliver(connection, 2, new LeaderInfo(1));
        Expect<AckEpoch>(connection);
        Deliver(connection, 2, new Diff(Zxid.Zero));
        Deliver(connection, 2, new NewLeader(X(1, 0)));
        Expect<Ack>(connection);
        Deliver(connection, 2, UpToDate.Instance);
        AwaitPhase(p => p.Phase == ZabState.Broadcast);
        return connection;
    }
}
