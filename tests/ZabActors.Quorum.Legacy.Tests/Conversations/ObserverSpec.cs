using Xunit.Abstractions;
using ZabActors.Zab;
using static ZabActors.Quorum.Tests.TestTiming;

namespace ZabActors.Quorum.Tests;

/// <summary>A real observer against a scripted ensemble: it learns the leader, syncs, and learns commits by INFORM.</summary>
public sealed class ObserverSpec(ITestOutputHelper output) : PeerConversation(output)
{
    [Fact]
    public void Observer_never_votes_and_learns_commits_through_INFORM()
    {
        StartPeer(4, voters: 3, observers: [4]);
        var announced = Take<SentElection>(_ => true);
        Assert.Equal(long.MinValue, announced.Notification.Leader);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);

        var connection = ExpectConnect().Connection;
        Assert.Equal(new ObserverInfo(4, 0), Expect<ObserverInfo>(connection));
        Assert.Equal(ServerState.Observing, Status().State);
        Deliver(connection, 2, new LeaderInfo(1));
        Assert.Equal(new AckEpoch(0, Zxid.Zero), Expect<AckEpoch>(connection));
        Deliver(connection, 2, new Diff(Zxid.Zero));
        Deliver(connection, 2, new NewLeader(X(1, 0)));
        Assert.Equal(new Ack(X(1, 0)), Expect<Ack>(connection));
        Deliver(connection, 2, UpToDate.Instance);
        AwaitEvent<PeerStateChanged>(e => e is { Sid: 4, State: ServerState.Observing, LeaderSid: 2, Epoch: 1 });

        Deliver(connection, 2, new Inform(T(1, 1)));
        Deliver(connection, 2, new Inform(T(1, 2)));
        AwaitEvent<TxnDelivered>(e => e.Txn == T(1, 2));
        Assert.Equal([T(1, 1), T(1, 2)], Machine.Applied);
        NoPacket(p => p is Ack { Zxid.Counter: > 0 }, TimeSpan.FromMilliseconds(50));

        // A proposal is not for observers: dropped and reported, the session goes on.
        Deliver(connection, 2, new Proposal(T(1, 3)));
        Deliver(connection, 2, new Inform(T(1, 3, "informed")));
        AwaitEvent<TxnDelivered>(e => e.Txn.Zxid == X(1, 3));
        Assert.Equal(T(1, 3, "informed"), Machine.Applied[^1]);

        Runtime.RunUntilIdle();
        var votes = Events.OfType<PeerStateChanged>().Where(e => e.Sid == 4).Select(e => e.State).Distinct();
        Assert.DoesNotContain(ServerState.Leading, votes);
        Assert.DoesNotContain(ServerState.Following, votes);
    }

    [Fact]
    public void Observer_forwards_client_writes_to_the_leader()
    {
        StartPeer(4, voters: 3, observers: [4]);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);
        var connection = ExpectConnect().Connection;
        Expect<ObserverInfo>(connection);
        Deliver(connection, 2, new LeaderInfo(1));
        Expect<AckEpoch>(connection);
        Deliver(connection, 2, new Diff(Zxid.Zero));
        Deliver(connection, 2, new NewLeader(X(1, 0)));
        Expect<Ack>(connection);
        Deliver(connection, 2, UpToDate.Instance);
        AwaitEvent<PeerStateChanged>(e => e is { State: ServerState.Observing, Epoch: 1 });

        var client = CreateTestProbe("client");
        client.Send(Peer, new ClientWrite(3, [42]));
        var request = Expect<Request>(connection);
        Deliver(connection, 2, new Inform(new Txn(X(1, 1), request.Data)));
        Assert.Equal(new WriteCommitted(3, X(1, 1)), client.ExpectMsg<WriteCommitted>());
    }
}
