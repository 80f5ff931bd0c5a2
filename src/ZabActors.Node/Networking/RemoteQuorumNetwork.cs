using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Networking;

/// <summary>
/// The <see cref="IQuorumNetwork"/> of a node process: election notifications and learner
/// connections travel to other nodes' <see cref="QuorumNetworkActor"/>s over remote actor refs, one
/// association per pair of nodes. It owns this node's table of learner connections. A connection is
/// a logical session over the association: each direction numbers its packets, and the first gap
/// (a frame lost when an association broke, could not be serialized or was refused by a full queue),
/// a lost association or a restarted peer closes it on both ends, so its packets are never passed on
/// with a hole. Election notifications are datagrams and may be lost. Thread-safe: the peer's actors
/// call it from their own threads; one lock orders every connection's sends.
/// </summary>
public sealed class RemoteQuorumNetwork : IQuorumNetwork
{
    private readonly object gate = new();
    private readonly EnsembleDirectory directory;
    private readonly long mySid;
    private readonly long incarnation;
    private readonly Func<long, IActorRef> networkActorOf;
    private readonly ILogger log;
    private readonly Dictionary<ConnectionId, Connection> byId = [];
    private readonly Dictionary<ConnectionKey, Connection> byKey = [];
    private IActorRef self = ActorRefs.Nobody;
    private IActorRef? peer;
    private long nextId;
    private long nextNumber;
    private long gaps;

    /// <param name="directory">the ensemble: server ids and their nodes' addresses.</param>
    /// <param name="mySid">the one server this process runs.</param>
    /// <param name="incarnation">unique per process start (the remoting uid), so connection keys never repeat.</param>
    /// <param name="networkActorOf">the network actor of another server's node.</param>
    public RemoteQuorumNetwork(EnsembleDirectory directory, long mySid, long incarnation, Func<long, IActorRef> networkActorOf, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(networkActorOf);
        ArgumentNullException.ThrowIfNull(log);
        if (!directory.TryGetAddress(mySid, out _))
            throw new ArgumentException($"server {mySid} is not in the ensemble", nameof(mySid));
        this.directory = directory;
        this.mySid = mySid;
        this.incarnation = incarnation;
        this.networkActorOf = networkActorOf;
        this.log = log;
    }

    /// <summary>Connections closed because a packet went missing, since start.</summary>
    public long GapCount => Interlocked.Read(ref gaps);

    /// <summary>The learner connections open right now, for diagnostics and tests.</summary>
    public int OpenConnectionCount
    {
        get
        {
            lock (gate)
                return byId.Count;
        }
    }

    /// <summary>Sets the local network actor, the sender of every frame (its address authenticates this node).</summary>
    internal void Attach(IActorRef networkActor)
    {
        lock (gate)
            self = networkActor;
    }

    public void Register(long sid, IActorRef peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (sid != mySid)
            throw new ArgumentException($"this node runs server {mySid}, not {sid}", nameof(sid));
        lock (gate)
            this.peer = peer;
    }

    public void Unregister(long sid)
    {
        if (sid != mySid)
            return;
        lock (gate)
            peer = null;
        CloseWhere(_ => true, $"server {sid} stopped");
    }

    public void SendElection(long fromSid, long toSid, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (toSid == mySid)
        {
            IActorRef? local;
            lock (gate)
                local = peer;
            local?.Tell(new PeerEnvelope(fromSid, notification), ActorRefs.NoSender);
            return;
        }
        if (!directory.TryGetAddress(toSid, out _))
        {
            log.LogDebug("election message to unknown server {To} dropped", toSid);
            return;
        }
        networkActorOf(toSid).Tell(notification, Sender);
    }

    public ConnectionId Connect(long learnerSid, long leaderSid)
    {
        Connection connection;
        IActorRef? local;
        lock (gate)
        {
            connection = new Connection(new ConnectionId(++nextId), new ConnectionKey(learnerSid, incarnation, ++nextNumber), leaderSid, isLearnerEnd: true);
            local = peer;
            if (learnerSid == mySid && leaderSid != mySid && directory.TryGetAddress(leaderSid, out _))
            {
                Add(connection);
                networkActorOf(leaderSid).Tell(new OpenConnection(connection.Key), self);
                return connection.Id;
            }
        }
        local?.Tell(new ConnectionClosed(connection.Id, $"server {leaderSid} cannot be reached from server {learnerSid}"), ActorRefs.NoSender);
        return connection.Id;
    }

    public void Send(ConnectionId connection, long fromSid, QuorumPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        string? synced;
        Connection? open;
        lock (gate)
        {
            // A closed connection's ends have been told; what they still send is dropped, as on a closed socket.
            if (!byId.TryGetValue(connection, out open) || fromSid != mySid)
                return;
            synced = open.IsLearnerEnd ? null : open.Sync.Observe(packet);
            networkActorOf(open.PeerSid).Tell(new ConnectionPacket(open.Key, ++open.SentSeq, packet), self);
        }
        if (synced is not null)
            log.LogInformation("sync of learner {Sid} ({Connection}) by {Summary}", open.PeerSid, open.Key, synced);
    }

    public void Close(ConnectionId connection, string reason)
    {
        Connection? closed;
        lock (gate)
        {
            if (!byId.TryGetValue(connection, out closed))
                return;
            Remove(closed);
        }
        NotifyClosed(closed, reason, tellRemote: true);
    }

    /// <summary>An election notification from server <paramref name="fromSid"/>'s node.</summary>
    internal void OnElection(long fromSid, Notification notification)
    {
        IActorRef? local;
        lock (gate)
            local = peer;
        local?.Tell(new PeerEnvelope(fromSid, notification), ActorRefs.NoSender);
    }

    /// <summary>Server <paramref name="fromSid"/> opens a connection to this node as its leader.</summary>
    internal void OnOpen(long fromSid, OpenConnection open)
    {
        string? refusal = null;
        IActorRef? local;
        Connection? connection = null;
        lock (gate)
        {
            local = peer;
            if (open.Key.LearnerSid != fromSid)
                refusal = $"server {fromSid} opened a connection in the name of server {open.Key.LearnerSid}";
            else if (local is null)
                refusal = $"server {mySid} is not running";
            else if (byKey.ContainsKey(open.Key))
                refusal = $"connection {open.Key} is already open";
            else
            {
                connection = new Connection(new ConnectionId(++nextId), open.Key, fromSid, isLearnerEnd: false);
                Add(connection);
            }
        }
        if (connection is null)
        {
            log.LogWarning("connection {Key} from server {Sid} refused: {Reason}", open.Key, fromSid, refusal);
            networkActorOf(fromSid).Tell(new CloseConnection(open.Key, refusal!), self);
            return;
        }
        local!.Tell(new ConnectionOpened(connection.Id, fromSid), ActorRefs.NoSender);
    }

    /// <summary>A packet from server <paramref name="fromSid"/>: passed on in order, or the connection closes.</summary>
    internal void OnPacket(long fromSid, ConnectionPacket frame)
    {
        Connection? connection;
        string? problem = null;
        string? synced = null;
        IActorRef? local;
        lock (gate)
        {
            local = peer;
            if (!byKey.TryGetValue(frame.Key, out connection) || connection.PeerSid != fromSid)
            {
                connection = null;
            }
            else if (frame.Seq != connection.ReceivedSeq + 1)
            {
                problem = $"lost packets: expected #{connection.ReceivedSeq + 1} from server {fromSid}, got #{frame.Seq}";
                Remove(connection);
            }
            else
            {
                connection.ReceivedSeq = frame.Seq;
                synced = connection.IsLearnerEnd ? connection.Sync.Observe(frame.Packet) : null;
                local?.Tell(new ConnectionMessage(connection.Id, fromSid, frame.Packet), ActorRefs.NoSender);
            }
        }
        if (connection is null)
        {
            // The other end still believes in a connection this node closed or never knew: tell it.
            networkActorOf(fromSid).Tell(new CloseConnection(frame.Key, $"server {mySid} has no connection {frame.Key}"), self);
            return;
        }
        if (problem is not null)
        {
            Interlocked.Increment(ref gaps);
            log.LogWarning("connection {Key} closed: {Problem}", frame.Key, problem);
            NotifyClosed(connection, problem, tellRemote: true);
        }
        else if (synced is not null)
        {
            log.LogInformation("synced with leader {Sid} ({Connection}) by {Summary}", fromSid, frame.Key, synced);
        }
    }

    /// <summary>The other end closed the connection.</summary>
    internal void OnClose(long fromSid, CloseConnection close)
    {
        Connection? connection;
        lock (gate)
        {
            if (!byKey.TryGetValue(close.Key, out connection) || connection.PeerSid != fromSid)
                return;
            Remove(connection);
        }
        NotifyClosed(connection, $"closed by server {fromSid}: {close.Reason}", tellRemote: false);
    }

    /// <summary>The association with server <paramref name="sid"/> broke or its process is gone: whatever was in flight may be lost.</summary>
    internal void OnPeerLost(long sid, string reason) =>
        CloseWhere(c => c.PeerSid == sid, $"association with server {sid} lost: {reason}");

    /// <summary>A frame of connection <paramref name="key"/> never left this node (queue full, remoting stopped).</summary>
    internal void OnUndelivered(ConnectionKey key, string what)
    {
        Connection? connection;
        lock (gate)
        {
            if (!byKey.TryGetValue(key, out connection))
                return;
            Remove(connection);
        }
        Interlocked.Increment(ref gaps);
        NotifyClosed(connection, $"{what} could not be sent to server {connection.PeerSid}", tellRemote: true);
    }

    private IActorRef Sender
    {
        get
        {
            lock (gate)
                return self;
        }
    }

    private void CloseWhere(Func<Connection, bool> predicate, string reason)
    {
        List<Connection> doomed;
        lock (gate)
        {
            doomed = [.. byId.Values.Where(predicate)];
            foreach (var connection in doomed)
                Remove(connection);
        }
        foreach (var connection in doomed)
            NotifyClosed(connection, reason, tellRemote: true);
    }

    private void NotifyClosed(Connection connection, string reason, bool tellRemote)
    {
        IActorRef? local;
        IActorRef sender;
        lock (gate)
        {
            local = peer;
            sender = self;
        }
        log.LogDebug("connection {Key} with server {Sid} closed: {Reason}", connection.Key, connection.PeerSid, reason);
        local?.Tell(new ConnectionClosed(connection.Id, reason), ActorRefs.NoSender);
        if (tellRemote)
            networkActorOf(connection.PeerSid).Tell(new CloseConnection(connection.Key, reason), sender);
    }

    private void Add(Connection connection)
    {
        byId.Add(connection.Id, connection);
        byKey.Add(connection.Key, connection);
    }

    private void Remove(Connection connection)
    {
        byId.Remove(connection.Id);
        byKey.Remove(connection.Key);
    }

    /// <summary>One open connection as this node sees it.</summary>
    private sealed class Connection(ConnectionId id, ConnectionKey key, long peerSid, bool isLearnerEnd)
    {
        public ConnectionId Id { get; } = id;

        public ConnectionKey Key { get; } = key;

        public long PeerSid { get; } = peerSid;

        public bool IsLearnerEnd { get; } = isLearnerEnd;

        public long SentSeq { get; set; }

        public long ReceivedSeq { get; set; }

        public SyncTracker Sync { get; } = new();
    }
}
