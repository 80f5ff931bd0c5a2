using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// Peers of one process reaching each other by actor <c>Tell</c>: the registry of peer roots, the
/// table of open connections and the fault hooks (<see cref="Partition"/>, <see cref="Heal"/>,
/// <see cref="CloseConnections"/>). A connection is FIFO because each end has one sending actor and
/// a Tell from one sender to one receiver keeps its order. Thread-safe.
/// </summary>
public sealed class InProcessQuorumNetwork : IQuorumNetwork
{
    private readonly object gate = new();
    private readonly Dictionary<long, IActorRef> peers = [];
    private readonly Dictionary<ConnectionId, (long Learner, long Leader)> connections = [];
    private readonly ILogger log;
    private Dictionary<long, int>? groupOf;
    private long nextConnection;
    private long dropped;

    public InProcessQuorumNetwork(ILogger? log = null) => this.log = log ?? NullLogger.Instance;

    /// <summary>Messages dropped so far (unknown or unregistered sid, partition, closed connection).</summary>
    public long DroppedCount => Interlocked.Read(ref dropped);

    public void Register(long sid, IActorRef peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (gate)
        {
            peers[sid] = peer;
        }
    }

    public void Unregister(long sid)
    {
        lock (gate)
        {
            peers.Remove(sid);
        }
        CloseWhere((learner, leader) => learner == sid || leader == sid, $"server {sid} left the network");
    }

    public void SendElection(long fromSid, long toSid, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        IActorRef? to;
        lock (gate)
        {
            to = Reachable(fromSid, toSid) ? peers.GetValueOrDefault(toSid) : null;
        }
        if (to is null)
        {
            Drop("election message", fromSid, toSid);
            return;
        }
        to.Tell(new PeerEnvelope(fromSid, notification), ActorRefs.NoSender);
    }

    public ConnectionId Connect(long learnerSid, long leaderSid)
    {
        IActorRef? leader;
        IActorRef? learner;
        ConnectionId id;
        lock (gate)
        {
            id = new ConnectionId(++nextConnection);
            leader = Reachable(learnerSid, leaderSid) ? peers.GetValueOrDefault(leaderSid) : null;
            learner = peers.GetValueOrDefault(learnerSid);
            if (leader is not null)
            {
                connections[id] = (learnerSid, leaderSid);
            }
        }
        if (leader is null)
        {
            Drop("connect", learnerSid, leaderSid);
            learner?.Tell(new ConnectionClosed(id, $"server {leaderSid} is unreachable"), ActorRefs.NoSender);
            return id;
        }
        leader.Tell(new ConnectionOpened(id, learnerSid), ActorRefs.NoSender);
        return id;
    }

    public void Send(ConnectionId connection, long fromSid, QuorumPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        IActorRef? to = null;
        long toSid = -1;
        lock (gate)
        {
            if (connections.TryGetValue(connection, out var ends) && (fromSid == ends.Learner || fromSid == ends.Leader))
            {
                toSid = fromSid == ends.Learner ? ends.Leader : ends.Learner;
                to = peers.GetValueOrDefault(toSid);
            }
        }
        if (to is null)
        {
            // A lost message on a stream kills the stream, as a broken TCP connection would.
            Drop($"packet {packet.GetType().Name} on {connection}", fromSid, toSid);
            Close(connection, "peer unreachable");
            return;
        }
        to.Tell(new ConnectionMessage(connection, fromSid, packet), ActorRefs.NoSender);
    }

    public void Close(ConnectionId connection, string reason)
    {
        IActorRef? learner;
        IActorRef? leader;
        lock (gate)
        {
            if (!connections.Remove(connection, out var ends))
            {
                return;
            }
            learner = peers.GetValueOrDefault(ends.Learner);
            leader = peers.GetValueOrDefault(ends.Leader);
        }
        var closed = new ConnectionClosed(connection, reason);
        learner?.Tell(closed, ActorRefs.NoSender);
        leader?.Tell(closed, ActorRefs.NoSender);
    }

    /// <summary>
    /// Splits the servers into groups that cannot reach each other: election messages across groups
    /// are dropped and connections across groups are closed. Servers in no group are cut off from all.
    /// </summary>
    public void Partition(IEnumerable<IEnumerable<long>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var map = new Dictionary<long, int>();
        var index = 0;
        foreach (var group in groups)
        {
            foreach (var sid in group)
            {
                map[sid] = index;
            }
            index++;
        }
        lock (gate)
        {
            groupOf = map;
        }
        log.LogInformation("network partitioned into {Groups}", string.Join(" | ", map.GroupBy(e => e.Value).Select(g => string.Join(",", g.Select(e => e.Key)))));
        CloseWhere((learner, leader) => !SameGroup(map, learner, leader), "network partition");
    }

    /// <summary>Every server reaches every other again (connections closed by the partition stay closed).</summary>
    public void Heal()
    {
        lock (gate)
        {
            groupOf = null;
        }
        log.LogInformation("network healed");
    }

    /// <summary>Closes every connection of server <paramref name="sid"/>, as a network hiccup would.</summary>
    public void CloseConnections(long sid) =>
        CloseWhere((learner, leader) => learner == sid || leader == sid, $"connections of server {sid} reset");

    /// <summary>The connections open right now (learner, leader).</summary>
    public IReadOnlyList<(ConnectionId Connection, long Learner, long Leader)> OpenConnections()
    {
        lock (gate)
        {
            return [.. connections.Select(c => (c.Key, c.Value.Learner, c.Value.Leader))];
        }
    }

    private bool Reachable(long fromSid, long toSid) => groupOf is null || SameGroup(groupOf, fromSid, toSid);

    private static bool SameGroup(Dictionary<long, int> map, long a, long b) =>
        map.TryGetValue(a, out var ga) && map.TryGetValue(b, out var gb) && ga == gb;

    private void CloseWhere(Func<long, long, bool> predicate, string reason)
    {
        List<ConnectionId> doomed;
        lock (gate)
        {
            doomed = [.. connections.Where(c => predicate(c.Value.Learner, c.Value.Leader)).Select(c => c.Key)];
        }
        foreach (var connection in doomed)
        {
            Close(connection, reason);
        }
    }

    private void Drop(string what, long fromSid, long toSid)
    {
        Interlocked.Increment(ref dropped);
        bool partitioned;
        lock (gate)
        {
            partitioned = peers.ContainsKey(toSid) && !Reachable(fromSid, toSid);
        }
        if (partitioned)
        {
            log.LogDebug("dropped {What} from {From} to {To}: partitioned", what, fromSid, toSid);
        }
        else
        {
            log.LogInformation("dropped {What} from {From} to {To}: no such server is registered", what, fromSid, toSid);
        }
    }
}
