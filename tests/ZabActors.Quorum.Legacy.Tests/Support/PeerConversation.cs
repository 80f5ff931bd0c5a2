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

    private readonly List<object> backlog = [];

    internal IActorRef StartPeer(long myId, int voters, long[]? observers = null, ZabTiming? timing = null, TimeSpan? connectRetryDelay = null)
    {
        MyId = myId;
        var settings = new QuorumPeerSettings(myId, TestTiming.Servers(voters, observers ?? []), timing ?? TestTiming.Timing)
        {
            LearnerConnectRetryDelay = connectRetryDelay ?? QuorumPeerSettings.DefaultLearnerConnectRetryDelay,
        };
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

    /// <summary>
    /// The first message the network probe got that matches, in arrival order. Unlike FishForMessage,
    /// messages passed over are kept for later expectations: two handlers' packets may interleave.
    /// </summary>
    internal T Take<T>(Func<T, bool> match, TimeSpan? within = null, string? what = null)
    {
        var index = backlog.FindIndex(m => m is T typed && match(typed));
        if (index >= 0)
        {
            var found = (T)backlog[index];
            backlog.RemoveAt(index);
            return found;
        }
        var end = Runtime.Elapsed + (within ?? TimeSpan.FromSeconds(3));
        while (Runtime.Elapsed <= end && Net.ReceiveOne(end - Runtime.Elapsed) is { } message)
        {
            if (message is T typed && match(typed))
            {
                return typed;
            }
            if (message is not SentElection)
            {
                backlog.Add(message);
            }
        }
        throw new Xunit.Sdk.XunitException(
            $"no {what ?? typeof(T).Name} by {Runtime.Elapsed}; the network saw: {string.Join(", ", backlog.TakeLast(12))}");
    }

    /// <summary>The next packet of type <typeparamref name="T"/> the peer sent (on <paramref name="connection"/>).</summary>
    internal T Expect<T>(ConnectionId? connection = null, TimeSpan? within = null) where T : QuorumPacket =>
        (T)Take<SentPacket>(p => p.Packet is T && (connection is null || p.Connection == connection), within, typeof(T).Name).Packet;

    /// <summary>The next packet the peer sent on <paramref name="connection"/>, pings aside, in order.</summary>
    internal QuorumPacket NextPacket(ConnectionId connection, TimeSpan? within = null) =>
        Take<SentPacket>(p => p.Connection == connection && p.Packet is not Ping, within, $"packet on {connection}").Packet;

    internal Connected ExpectConnect(TimeSpan? within = null) => Take<Connected>(_ => true, within);

    internal Closed ExpectClosed(ConnectionId connection, TimeSpan? within = null) => Take<Closed>(c => c.Connection == connection, within);

    /// <summary>Fails if a packet matching <paramref name="match"/> is sent within <paramref name="duration"/>.</summary>
    internal void NoPacket(Func<QuorumPacket, bool> match, TimeSpan duration)
    {
        Assert.DoesNotContain(backlog, m => m is SentPacket sent && match(sent.Packet));
        var end = Runtime.Elapsed + duration;
        while (Runtime.Elapsed < end && Net.ReceiveOne(end - Runtime.Elapsed) is { } message)
        {
            Assert.False(message is SentPacket sent && match(sent.Packet), $"unexpected {message}");
            if (message is not SentElection)
            {
                backlog.Add(message);
            }
        }
    }

    internal PeerStatus Status()
    {
        var asker = CreateTestProbe();
        asker.Send(Peer, GetPeerStatus.Instance);
        return asker.ExpectMsg<PeerStatus>();
    }

    internal void AwaitEvent<T>(Func<T, bool> match, TimeSpan? within = null)
    {
        if (!Runtime.RunUntil(() => Events.OfType<T>().Any(match), within ?? TimeSpan.FromSeconds(1)))
        {
            throw new Xunit.Sdk.XunitException($"no matching {typeof(T).Name}; events: {string.Join(", ", Events.TakeLast(10))}");
        }
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
