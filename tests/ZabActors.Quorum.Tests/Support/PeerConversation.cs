using Xunit.Abstractions;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>
/// One real peer against a scripted rest of the ensemble: the test plays the election and the other
/// end of every connection through a <see cref="ScriptedNetwork"/> whose probe sees what the peer sends.
/// </summary>
public abstract class PeerConversation : TestKit
{
    private protected PeerConversation(ITestOutputHelper output, ulong seed = 1)
        : base(TestKitOptions.VirtualTime(seed), output)
    {
        Net = CreateTestProbe("network");
        Network = new ScriptedNetwork(Net.Ref);
        Events = EventRecorder.Start(Sys);
    }

    internal TestProbe Net { get; }

    internal ScriptedNetwork Network { get; }

    internal InMemoryPeerStorage Storage { get; } = new();

    internal ListStateMachine Machine { get; private set; } = new();

    internal List<object> Events { get; }

    internal IActorRef Peer { get; private set; } = ActorRefs.Nobody;

    internal long MyId { get; private set; }

    internal IActorRef StartPeer(long myId, int voters, long[]? observers = null, ZabTiming? timing = null)
    {
        MyId = myId;
        var settings = new QuorumPeerSettings(myId, TestTiming.Servers(voters, observers ?? []), timing ?? TestTiming.Timing);
        Peer = ActorOf(QuorumPeerActor.Props(settings, Storage, Network, () => Machine = new ListStateMachine()), $"peer{myId}");
        return Peer;
    }

    /// <summary>Seeds the storage as if the peer had logged these transactions and saved these epochs.</summary>
    internal void SeedLog(long acceptedEpoch, long currentEpoch, params Txn[] txns)
    {
        foreach (var txn in txns)
        {
            Storage.Log.Append(txn);
        }
        Storage.Log.Flush();
        Storage.Epochs.Save(acceptedEpoch, currentEpoch);
    }

    /// <summary>The others report that <paramref name="leader"/> leads (it says LEADING, one more says FOLLOWING).</summary>
    internal void ElectOther(long leader, long follower, Zxid zxid, long peerEpoch)
    {
        Deliver(leader, new Notification(leader, zxid, 1, ServerState.Leading, leader, peerEpoch));
        Deliver(follower, new Notification(leader, zxid, 1, ServerState.Following, follower, peerEpoch));
    }

    /// <summary>Looking voters vote for the peer under test in round 1; it decides after the finalize wait.</summary>
    internal void ElectSelf(Zxid zxid, long peerEpoch, params long[] voters)
    {
        foreach (var voter in voters)
        {
            Deliver(voter, new Notification(MyId, zxid, 1, ServerState.Looking, voter, peerEpoch));
        }
    }

    internal void Deliver(long from, Notification notification) => Peer.Tell(new PeerEnvelope(from, notification), ActorRefs.NoSender);

    internal void Deliver(ConnectionId connection, long from, QuorumPacket packet) =>
        Peer.Tell(new ConnectionMessage(connection, from, packet), ActorRefs.NoSender);

    internal void Open(ConnectionId connection, long learner) => Peer.Tell(new ConnectionOpened(connection, learner), ActorRefs.NoSender);

    /// <summary>The next packet of type <typeparamref name="T"/> the peer sent, skipping election traffic and pings.</summary>
    internal T Expect<T>(ConnectionId? connection = null, TimeSpan? within = null) where T : QuorumPacket
    {
        var sent = Net.FishForMessage<SentPacket>(
            p => p.Packet is T && (connection is null || p.Connection == connection),
            within ?? TimeSpan.FromSeconds(3),
            typeof(T).Name);
        return (T)sent.Packet;
    }

    /// <summary>The packets the peer sends next, in order, ignoring election traffic and pings.</summary>
    internal QuorumPacket NextPacket(TimeSpan? within = null) =>
        Net.FishForMessage<SentPacket>(p => p.Packet is not Ping, within ?? TimeSpan.FromSeconds(3), "a packet").Packet;

    internal Connected ExpectConnect(TimeSpan? within = null) =>
        Net.FishForMessage<Connected>(_ => true, within ?? TimeSpan.FromSeconds(3), "a connection");

    internal PeerStatus Status()
    {
        var asker = CreateTestProbe();
        asker.Send(Peer, GetPeerStatus.Instance);
        return asker.ExpectMsg<PeerStatus>();
    }

    internal bool Reached(ServerState state) =>
        Events.OfType<PeerStateChanged>().LastOrDefault(e => e.Sid == MyId)?.State == state;

    internal void AwaitState(ServerState state, TimeSpan within)
    {
        if (!Runtime.RunUntil(() => Reached(state), within))
        {
            throw new Xunit.Sdk.XunitException($"server {MyId} did not reach {state} within {within}; last {Events.OfType<PeerStateChanged>().LastOrDefault()}");
        }
    }
}
