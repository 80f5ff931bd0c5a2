using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using ZabActors.Transport.Wire;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport;

/// <summary>
/// One peer node's end of the peer network over Akka.Remote (after ZooKeeper's QuorumCnxManager and
/// the learner sockets): it owns this node's learner connections, their frame numbering, batching and
/// chunking, and the authentication of every inbound frame by its sender's configured address. It
/// runs at the same actor path on every node and sends to that path at each server's Akka address.
/// It never watches a remote actor: failure detection is ZAB's own (ticks and sync-limit in the
/// core), so Akka's quarantine never keeps two peers apart. A broken association, a gap in a
/// connection's frames or a restarted peer closes the affected connections on both ends.
/// </summary>
public sealed partial class PeerTransportActor : ReceiveActor
{
    private readonly IActorRef root;
    private readonly long mySid;
    private readonly long incarnation;
    private readonly IReadOnlyDictionary<long, Address> ensemble;
    private readonly Dictionary<Address, long> sidOfAddress = [];
    private readonly TransportSettings settings;
    private readonly Dictionary<long, IActorRef> remotes = [];
    private readonly Dictionary<long, long> knownIncarnation = [];
    private readonly Dictionary<ConnectionId, PeerConnection> byId = [];
    private readonly Dictionary<ConnectionKey, PeerConnection> byKey = [];
    private readonly HashSet<PeerConnection> queued = [];
    private readonly SenderWarnings warnings;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private bool flushScheduled;
    private long nextId;
    private long nextNumber;
    private long framesSent;
    private long packetsSent;
    private long framesReceived;
    private long packetsReceived;
    private long dropped;
    private long gaps;

    /// <param name="root">the peer root that gets the events (<see cref="PeerEnvelope"/>, connection events).</param>
    /// <param name="mySid">this node's server id; it must be in <paramref name="ensemble"/>.</param>
    /// <param name="incarnation">this process's life; it must grow with every start (a persisted counter or the start time).</param>
    /// <param name="ensemble">every server's Akka address, <c>akka.tcp://system@host:port</c>.</param>
    /// <param name="settings">null reads <c>zab.transport</c> from the system's configuration.</param>
    public PeerTransportActor(IActorRef root, long mySid, long incarnation, IReadOnlyDictionary<long, Address> ensemble, TransportSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(ensemble);
        if (!ensemble.ContainsKey(mySid))
        {
            throw new ArgumentException($"server {mySid} is not in the ensemble", nameof(mySid));
        }
        if (incarnation <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(incarnation), incarnation, "an incarnation is positive");
        }
        this.root = root;
        this.mySid = mySid;
        this.incarnation = incarnation;
        this.ensemble = ensemble;
        foreach (var (sid, address) in ensemble)
        {
            sidOfAddress[address] = sid;
        }
        this.settings = settings ?? TransportSettings.Create(Context.System.Settings.Config);
        warnings = new SenderWarnings(this.settings.UnknownSenderLogInterval);
        ReceiveCommands();
        ReceiveInbound();
    }

    public static Props Props(IActorRef root, long mySid, long incarnation, IReadOnlyDictionary<long, Address> ensemble, TransportSettings? settings = null) =>
        Akka.Actor.Props.Create(() => new PeerTransportActor(root, mySid, incarnation, ensemble, settings));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Context.System.EventStream.Subscribe(Self, typeof(AssociationErrorEvent));
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        foreach (var connection in byId.Values.ToList())
        {
            CloseConnection(connection, "transport stopped", tellRemote: true);
        }
    }

    private void ReceiveCommands()
    {
        Receive<SendElection>(OnSendElection);
        Receive<Connect>(OnConnect);
        Receive<Send>(OnSend);
        Receive<Close>(OnClose);
        Receive<FlushQueued>(_ => FlushAll());
        Receive<GetStats>(_ => Sender.Tell(new Stats(framesSent, packetsSent, framesReceived, packetsReceived, dropped, gaps, byId.Count)));
        Receive<DisassociatedEvent>(e => OnAssociationLost(e.RemoteAddress, "association lost"));
        Receive<AssociationErrorEvent>(e => OnAssociationLost(e.RemoteAddress, $"association failed: {e.Cause?.Message}"));
        Receive<DeadLetter>(OnDeadLetter);
    }

    private void OnSendElection(SendElection command)
    {
        if (command.ToSid == mySid)
        {
            // ZooKeeper queues a server's notifications to itself locally, never over the network.
            root.Tell(new PeerEnvelope(mySid, command.Notification), Self);
            return;
        }
        if (RemoteOf(command.ToSid) is not { } remote)
        {
            dropped++;
            log.Debug("election notification to unknown server {0} dropped", command.ToSid);
            return;
        }
        Transmit(remote, new ElectionDatagram(mySid, incarnation, command.Notification));
    }

    private void OnConnect(Connect command)
    {
        var id = new ConnectionId(++nextId);
        Sender.Tell(new Connecting(id, command.LeaderSid), Self);
        if (command.LeaderSid == mySid || RemoteOf(command.LeaderSid) is not { } remote)
        {
            root.Tell(new ConnectionClosed(id, $"server {command.LeaderSid} cannot be reached from server {mySid}"), Self);
            return;
        }
        var key = new ConnectionKey(mySid, incarnation, ++nextNumber);
        var connection = new PeerConnection(id, key, command.LeaderSid, peerIncarnation: 0, isLearnerEnd: true, settings.MaxReassemblyBytes);
        byId.Add(id, connection);
        byKey.Add(key, connection);
        Transmit(remote, new OpenConnection(mySid, incarnation, key));
    }

    private void OnClose(Close command)
    {
        if (byId.TryGetValue(command.Connection, out var connection))
        {
            Flush(connection);
            CloseConnection(connection, command.Reason, tellRemote: true);
        }
    }

    private void OnAssociationLost(Address address, string reason)
    {
        if (!sidOfAddress.TryGetValue(address, out var sid))
        {
            return;
        }
        // Frames in flight when an association breaks may be lost without a later frame to show the gap.
        CloseWhere(c => c.PeerSid == sid, $"{reason} with server {sid}");
    }

    /// <summary>
    /// A frame of ours that never left this node (Akka.Remote drops what is sent while an address is
    /// gated after a broken association): its connection has a hole, so it closes now, as a failed
    /// TCP write would close a socket, instead of waiting for the core's limits.
    /// </summary>
    private void OnDeadLetter(DeadLetter dead)
    {
        var key = dead.Message switch
        {
            OpenConnection o => o.Key,
            PacketBatch b => b.Key,
            PacketChunk k => k.Key,
            _ => (ConnectionKey?)null,
        };
        if (key is { } k2 && dead.Sender.Equals(Self) && byKey.TryGetValue(k2, out var connection))
        {
            dropped++;
            CloseConnection(connection, $"{dead.Message.GetType().Name} could not be sent to server {connection.PeerSid}", tellRemote: true);
        }
    }

    private void CloseWhere(Func<PeerConnection, bool> predicate, string reason)
    {
        foreach (var connection in byId.Values.Where(predicate).ToList())
        {
            CloseConnection(connection, reason, tellRemote: true);
        }
    }

    /// <summary>Forgets the connection and tells the root; with <paramref name="tellRemote"/> the other end too.</summary>
    private void CloseConnection(PeerConnection connection, string reason, bool tellRemote)
    {
        byId.Remove(connection.Id);
        byKey.Remove(connection.Key);
        queued.Remove(connection);
        log.Debug("{0} closed: {1}", connection, reason);
        root.Tell(new ConnectionClosed(connection.Id, reason), Self);
        if (tellRemote && RemoteOf(connection.PeerSid) is { } remote)
        {
            Transmit(remote, new CloseConnection(mySid, incarnation, connection.Key, reason));
        }
    }

    /// <summary>The transport actor of server <paramref name="sid"/>: this actor's path at that server's address.</summary>
    private IActorRef? RemoteOf(long sid)
    {
        if (remotes.TryGetValue(sid, out var remote))
        {
            return remote;
        }
        if (sid == mySid || !ensemble.TryGetValue(sid, out var address))
        {
            return null;
        }
        var path = new RootActorPath(address) / Self.Path.Elements;
        remote = ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(path);
        remotes[sid] = remote;
        return remote;
    }

    private void Transmit(IActorRef remote, TransportFrame frame)
    {
        framesSent++;
        remote.Tell(frame, Self);
    }

    /// <summary>Sent to itself after the first packet is queued: everything queued until it is processed leaves as batches.</summary>
    private sealed record FlushQueued
    {
        public static FlushQueued Instance { get; } = new();
    }
}
