using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Xunit.Abstractions;
using ZabActors.Journal;
using ZabActors.Transport;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Quorum.Tests;

/// <summary>
/// One real <see cref="QuorumPeerActor"/> against a scripted rest of the ensemble (ZooKeeper's Zab1_0Test): a
/// <see cref="TestProbe"/> is the peer's transport, so it sees every election datagram and packet the peer sends
/// and the test delivers what the other servers would. Time is the <see cref="TestScheduler"/>'s: nothing times
/// out unless the test advances it. Storage is Akka.Persistence's in-memory journal, seeded through a
/// <see cref="TxnLogActor"/> of the same persistence id before the peer starts.
/// </summary>
public abstract class PeerConversation : Akka.TestKit.Xunit2.TestKit
{
    public const string PeerName = "peer";

    private static readonly Config TestConfig = QuorumConfig.WithDefaults(ConfigurationFactory.ParseString("""
        akka.loglevel = INFO
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """));

    private readonly List<object> backlog = [];
    private long nextConnection = 100;

    protected PeerConversation(ITestOutputHelper output)
        : base(TestConfig, output: output)
    {
        Net = CreateTestProbe("network");
        Events = CreateTestProbe("events");
        Sys.EventStream.Subscribe(Events.Ref, typeof(PeerEventPublished));
        Sys.EventStream.Subscribe(Events.Ref, typeof(PeerStorageFailed));
    }

    internal TestProbe Net { get; }

    internal TestProbe Events { get; }

    internal TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    internal ListStateMachine Machine { get; private set; } = new();

    internal IActorRef Peer { get; private set; } = ActorRefs.Nobody;

    internal long MyId { get; private set; }

    internal IActorRef StartPeer(long myId, int voters, long[]? observers = null, ZabTiming? timing = null)
    {
        MyId = myId;
        var settings = new QuorumPeerSettings(myId, TestTiming.Servers(voters, observers ?? []), timing ?? TestTiming.Timing)
        {
            TxnLogDispatcher = "zab.actor.default-dispatcher",
        };
        var scheduler = Clock;
        var start = scheduler.Now;
        Peer = Sys.ActorOf(QuorumPeerActor.Props(settings, () => Machine = new ListStateMachine(), Net.Ref, () => scheduler.Now - start), PeerName);
        AwaitEvent<PeerRecovered>();
        return Peer;
    }

    /// <summary>Seeds the journal as if the peer had logged these transactions and saved these epochs.</summary>
    internal void SeedLog(long myId, long acceptedEpoch, long currentEpoch, params Txn[] txns)
    {
        var log = Sys.ActorOf(TxnLogActor.Props(myId, TxnLogSettings.Create(Sys.Settings.Config)), "seed");
        Watch(log);
        if (txns.Length > 0)
        {
            log.Tell(new AppendTxns([.. txns]), TestActor);
            ExpectMsg<LogDurable>();
        }
        log.Tell(new SaveEpochs(acceptedEpoch, currentEpoch), TestActor);
        ExpectMsg<EpochsDurable>();
        Sys.Stop(log);
        ExpectTerminated(log);
    }

    /// <summary>What the peer's txn log holds now.</summary>
    internal TxnLogProtocol.DiskRead Disk() =>
        Sys.ActorSelection($"/user/{PeerName}/{QuorumPeerActor.TxnLogName}")
            .Ask<TxnLogProtocol.DiskRead>(TxnLogProtocol.ReadDisk.Instance, TimeSpan.FromSeconds(3)).Result;

    internal PeerStatus Status() => Peer.Ask<PeerStatus>(GetPeerStatus.Instance, TimeSpan.FromSeconds(3)).Result;

    /// <summary>The others report that <paramref name="leader"/> leads (it says LEADING, one more says FOLLOWING).</summary>
    internal void ElectOther(long leader, long follower, Zxid zxid, long peerEpoch)
    {
        Deliver(leader, new Notification(leader, zxid, 1, ServerState.Leading, leader, peerEpoch));
        Deliver(follower, new Notification(leader, zxid, 1, ServerState.Following, follower, peerEpoch));
    }

    /// <summary>Looking voters vote for the peer under test; it decides once the finalize wait has passed.</summary>
    internal void ElectSelf(Zxid zxid, long peerEpoch, params long[] voters)
    {
        foreach (var voter in voters)
        {
            Deliver(voter, new Notification(MyId, zxid, 1, ServerState.Looking, voter, peerEpoch));
        }
        Status();
        Clock.Advance(TimeSpan.FromMilliseconds(TestTiming.Timing.FinalizeWaitMs + 10));
        AwaitPhase(p => p.State == ServerState.Leading);
    }

    internal void Deliver(long from, Notification notification) => Peer.Tell(new PeerEnvelope(from, notification), ActorRefs.NoSender);

    internal void Deliver(ConnectionId connection, long from, QuorumPacket packet) =>
        Peer.Tell(new ConnectionMessage(connection, from, packet), ActorRefs.NoSender);

    internal ConnectionId Open(long learner)
    {
        var connection = new ConnectionId(++nextConnection);
        Peer.Tell(new ConnectionOpened(connection, learner), ActorRefs.NoSender);
        return connection;
    }

    internal void Close(ConnectionId connection, string reason) => Peer.Tell(new ConnectionClosed(connection, reason), ActorRefs.NoSender);

    /// <summary>The peer asks to connect to its leader; the scripted transport answers with a new connection id.</summary>
    internal ConnectionId ExpectConnect(long leader)
    {
        var connect = Take<Connect>(c => c.LeaderSid == leader);
        var connection = new ConnectionId(++nextConnection);
        Peer.Tell(new Connecting(connection, leader), Net.Ref);
        return connection;
    }

    /// <summary>
    /// The first command the transport probe got that matches, in arrival order; commands passed over are kept
    /// for later expectations (election datagrams aside), as two links' packets may interleave.
    /// </summary>
    internal T Take<T>(Func<T, bool> match, string? what = null)
    {
        var index = backlog.FindIndex(m => m is T typed && match(typed));
        if (index >= 0)
        {
            var found = (T)backlog[index];
            backlog.RemoveAt(index);
            return found;
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < deadline && Net.ReceiveOne(deadline - DateTime.UtcNow) is { } message)
        {
            if (message is T typed && match(typed))
            {
                return typed;
            }
            if (message is not SendElection)
            {
                backlog.Add(message);
            }
        }
        throw new Xunit.Sdk.XunitException($"no {what ?? typeof(T).Name}; the transport saw: {string.Join(", ", backlog.TakeLast(12))}");
    }

    /// <summary>The next packet of type <typeparamref name="T"/> the peer sent on <paramref name="connection"/>.</summary>
    internal T Expect<T>(ConnectionId connection) where T : QuorumPacket =>
        (T)Take<Send>(s => s.Packet is T && s.Connection == connection, typeof(T).Name).Packet;

    /// <summary>The next packet the peer sent on <paramref name="connection"/>, pings aside, in order.</summary>
    internal QuorumPacket NextPacket(ConnectionId connection) =>
        Take<Send>(s => s.Connection == connection && s.Packet is not Ping, $"packet on {connection}").Packet;

    /// <summary>Nothing the peer sent so far matches: the peer has taken every earlier message when it answers a status.</summary>
    internal void NoPacket(Func<QuorumPacket, bool> match)
    {
        Status();
        while (Net.HasMessages)
        {
            var message = Net.ReceiveOne(TimeSpan.FromSeconds(1));
            if (message is not SendElection and not null)
            {
                backlog.Add(message);
            }
        }
        Assert.DoesNotContain(backlog, m => m is Send send && match(send.Packet));
    }

    internal Close ExpectClosed(ConnectionId connection) => Take<Close>(c => c.Connection == connection);

    /// <summary>Waits for a core event of type <typeparamref name="T"/> matching <paramref name="match"/>.</summary>
    internal T AwaitEvent<T>(Func<T, bool>? match = null) where T : IPeerEvent
    {
        var found = Events.FishForMessage<PeerEventPublished>(
            e => e.Event is T typed && (match is null || match(typed)), TimeSpan.FromSeconds(3));
        return (T)found.Event;
    }

    internal PeerPhaseChanged AwaitPhase(Func<PeerPhaseChanged, bool> match) => AwaitEvent(match);

    internal void AwaitState(ServerState state) => AwaitPhase(p => p.State == state);

    /// <summary>Advances the virtual clock in steps of one tick, so every tick's output goes out in order.</summary>
    internal void AdvanceTicks(int ticks)
    {
        for (var i = 0; i < ticks; i++)
        {
            // The peer has taken everything sent so far, so its timer is armed at its latest deadline.
            Status();
            Clock.Advance(TimeSpan.FromMilliseconds(TestTiming.Timing.TickTimeMs));
        }
    }
}
