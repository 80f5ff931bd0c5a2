using Xunit.Abstractions;
using ZabActors.Zab;
using static ZabActors.Quorum.Tests.TestTiming;

namespace ZabActors.Quorum.Tests;

/// <summary>A real follower against a leader played by hand (ZooKeeper's Zab1_0Test, follower side).</summary>
public sealed class FollowerSpec(ITestOutputHelper output) : PeerConversation(output)
{
    [Fact]
    public void Follower_runs_discovery_sync_and_broadcast_with_a_scripted_leader()
    {
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);

        var connection = ExpectConnect().Connection;
        Assert.Equal(new FollowerInfo(1, 0), Expect<FollowerInfo>(connection));
        Assert.Equal(ServerState.Following, Status().State);

        Deliver(connection, 2, new LeaderInfo(1));
        Assert.Equal(new AckEpoch(0, Zxid.Zero), Expect<AckEpoch>(connection));
        Assert.Equal(1, Storage.Epochs.AcceptedEpoch);

        Deliver(connection, 2, new Diff(Zxid.Zero));
        Deliver(connection, 2, new Proposal(T(1, 1)));
        Deliver(connection, 2, new Commit(X(1, 1)));
        Deliver(connection, 2, new NewLeader(X(1, 0)));
        Assert.Equal(new Ack(X(1, 0)), Expect<Ack>(connection));
        Assert.Equal(1, Storage.Epochs.CurrentEpoch);
        Assert.Equal([T(1, 1)], Storage.Log.DurableTxns());
        Assert.Empty(Machine.Applied);

        Deliver(connection, 2, UpToDate.Instance);
        AwaitEvent<TxnDelivered>(e => e.Txn == T(1, 1));
        AwaitEvent<PeerStateChanged>(e => e is { Sid: 1, State: ServerState.Following, LeaderSid: 2, Epoch: 1 });

        Deliver(connection, 2, new Proposal(T(1, 2)));
        // Acks of the synchronized proposal and of UPTODATE came before; this one follows the durable write.
        Take<SentPacket>(p => p.Packet == new Ack(X(1, 2)), TimeSpan.FromMilliseconds(50));
        Assert.Equal(X(1, 2), Storage.Log.LastDurableZxid);
        Assert.Equal([T(1, 1)], Machine.Applied);
        Deliver(connection, 2, new Commit(X(1, 2)));
        AwaitEvent<TxnDelivered>(e => e.Txn == T(1, 2));
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
        Assert.True(ClientTxn.TryDecode(request.Data, out var origin, out _));
        Assert.Equal(1, origin);
        client.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        var txn = new Txn(X(1, 1), request.Data);
        Deliver(connection, 2, new Proposal(txn));
        Expect<Ack>(connection);
        Deliver(connection, 2, new Commit(txn.Zxid));
        Assert.Equal(new WriteCommitted(7, X(1, 1)), client.ExpectMsg<WriteCommitted>());
        Assert.Equal("hello"u8.ToArray(), ClientTxn.Payload(Machine.Applied[^1]).ToArray());
    }

    [Fact]
    public void Follower_fails_pending_writes_when_it_loses_its_leader()
    {
        var connection = FollowInBroadcast();
        var client = CreateTestProbe("client");
        client.Send(Peer, new ClientWrite(9, [1, 2, 3]));
        Expect<Request>(connection);
        Peer.Tell(new ConnectionClosed(connection, "reset by peer"), null);
        var failed = client.ExpectMsg<WriteFailed>();
        Assert.Equal(9, failed.RequestId);
        AwaitState(ServerState.Looking, TimeSpan.FromSeconds(1));
        client.Send(Peer, new ClientWrite(10, [1]));
        Assert.Contains("LOOKING", client.ExpectMsg<WriteFailed>().Reason);
    }

    [Fact]
    public void Leader_epoch_lower_than_the_accepted_one_is_refused()
    {
        SeedLog(acceptedEpoch: 5, currentEpoch: 4, T(4, 1));
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, X(4, 1), peerEpoch: 4);
        var connection = ExpectConnect().Connection;
        Assert.Equal(new FollowerInfo(1, 5), Expect<FollowerInfo>(connection));

        Deliver(connection, 2, new LeaderInfo(3));
        ExpectClosed(connection);
        AwaitState(ServerState.Looking, TimeSpan.FromSeconds(1));
        Assert.Equal(5, Storage.Epochs.AcceptedEpoch);
        Assert.Equal(4, Storage.Epochs.CurrentEpoch);
        Assert.DoesNotContain(Events.OfType<PeerStateChanged>(), e => e.Epoch == 3);
    }

    [Fact]
    public void Follower_gives_up_on_a_leader_silent_past_the_sync_limit()
    {
        var connection = FollowInBroadcast();
        // sync-limit is 5 ticks of 100 ms; the scripted leader never pings.
        ExpectClosed(connection, TimeSpan.FromSeconds(1));
        AwaitState(ServerState.Looking, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Follower_truncates_its_uncommitted_tail_on_TRUNC()
    {
        SeedLog(acceptedEpoch: 1, currentEpoch: 1, T(1, 1), T(1, 2), T(1, 3));
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, X(1, 2), peerEpoch: 1);
        var connection = ExpectConnect().Connection;
        Expect<FollowerInfo>(connection);
        Deliver(connection, 2, new LeaderInfo(2));
        Assert.Equal(new AckEpoch(1, X(1, 3)), Expect<AckEpoch>(connection));

        Deliver(connection, 2, new Trunc(X(1, 2)));
        Deliver(connection, 2, new NewLeader(X(2, 0)));
        Expect<Ack>(connection);
        Assert.Equal([T(1, 1), T(1, 2)], Storage.Log.DurableTxns());
        Deliver(connection, 2, UpToDate.Instance);
        AwaitEvent<TxnDelivered>(e => e.Txn == T(1, 2));
        Assert.Equal([T(1, 1), T(1, 2)], Machine.Applied);
    }

    [Fact]
    public void Follower_installs_a_SNAP_before_acknowledging_NEWLEADER()
    {
        SeedLog(acceptedEpoch: 1, currentEpoch: 1, T(1, 1));
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, X(1, 9), peerEpoch: 1);
        var connection = ExpectConnect().Connection;
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
        Deliver(connection, 2, new Commit(X(2, 1)));
        Deliver(connection, 2, new NewLeader(X(2, 0)));
        Assert.Equal(new Ack(X(2, 0)), Expect<Ack>(connection));
        Assert.Equal(X(1, 9), Storage.Snapshots.LoadLatest()!.Zxid);
        Assert.Equal([T(1, 1), T(2, 1)], Storage.Log.DurableTxns());

        Deliver(connection, 2, UpToDate.Instance);
        AwaitEvent<TxnDelivered>(e => e.Txn == T(2, 1));
        Assert.Equal([.. Enumerable.Range(1, 9).Select(c => T(1, c)), T(2, 1)], Machine.Applied);
    }

    private ConnectionId FollowInBroadcast()
    {
        StartPeer(1, voters: 3);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);
        var connection = ExpectConnect().Connection;
        Expect<FollowerInfo>(connection);
        Deliver(connection, 2, new LeaderInfo(1));
        Expect<AckEpoch>(connection);
        Deliver(connection, 2, new Diff(Zxid.Zero));
        Deliver(connection, 2, new NewLeader(X(1, 0)));
        Expect<Ack>(connection);
        Deliver(connection, 2, UpToDate.Instance);
        AwaitEvent<PeerStateChanged>(e => e is { State: ServerState.Following, Epoch: 1 });
        return connection;
    }
}
