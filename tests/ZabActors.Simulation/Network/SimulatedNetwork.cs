using ZabActors.Actors;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Simulation.Network;

/// <summary>
/// The whole ensemble's network in virtual time, driven by one seeded generator. Fault model:
/// every message takes a seeded delay within bounds, plus the extra latency of a clogged link or a
/// slow sender; connections deliver each direction in order and lose messages only by being closed
/// (a random drop, a partition, a crashed end), which discards what is in flight and tells both ends;
/// election notifications are datagrams that may be lost, reordered by their delays, or replayed
/// later; partitions cut connections across groups and drop election traffic between them. Every
/// delivery is a timer of the runtime's virtual scheduler, so the run replays from its seed.
/// </summary>
public sealed partial class SimulatedNetwork : IQuorumNetwork
{
    private readonly VirtualScheduler scheduler;
    private readonly SimulationRandom random;
    private NetworkOptions options;
    private readonly Dictionary<long, IActorRef> peers = new();
    private readonly Dictionary<ConnectionId, SimulatedConnection> connections = new();
    private long nextConnection;

    public SimulatedNetwork(VirtualScheduler scheduler, SimulationRandom random, NetworkOptions options)
    {
        this.scheduler = scheduler;
        this.random = random;
        this.options = options.Validate();
    }

    public NetworkStatistics Statistics { get; } = new();

    /// <summary>When set (verbose runs), every election notification delivered is described here; it never feeds the trace hash.</summary>
    public Action<string>? ElectionTrace { get; set; }

    public void Register(long sid, IActorRef peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        peers[sid] = peer;
    }

    public void Unregister(long sid)
    {
        peers.Remove(sid);
        CloseWhere(c => c.Connects(sid), $"server {sid} left the network");
    }

    public bool IsRegistered(long sid) => peers.ContainsKey(sid);

    public void SendElection(long fromSid, long toSid, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        // A sender that is not registered is a crashed incarnation still winding down: it is silent.
        if (!peers.ContainsKey(fromSid) || !Reachable(fromSid, toSid) || random.Chance(options.ElectionLossProbability))
        {
            Statistics.ElectionLost++;
            return;
        }
        var envelope = new PeerEnvelope(fromSid, notification);
        ScheduleElection(fromSid, toSid, envelope, Delay(fromSid, toSid));
        if (random.Chance(options.ElectionReplayProbability))
        {
            Statistics.ElectionReplayed++;
            ScheduleElection(fromSid, toSid, envelope, Delay(fromSid, toSid) + Milliseconds(random.Next(options.ReplayDelayMaxMs + 1)));
        }
    }

    public ConnectionId Connect(long learnerSid, long leaderSid)
    {
        var id = new ConnectionId(++nextConnection);
        if (!peers.TryGetValue(learnerSid, out var learner))
        {
            return id;
        }
        if (!peers.TryGetValue(leaderSid, out var leader) || !Reachable(learnerSid, leaderSid))
        {
            Statistics.ConnectsRefused++;
            var why = peers.ContainsKey(leaderSid) ? "timed out (partition)" : "refused";
            var after = peers.ContainsKey(leaderSid) ? Milliseconds(options.ConnectTimeoutMs) : Delay(leaderSid, learnerSid);
            scheduler.ScheduleOnce(after, () => learner.Tell(new ConnectionClosed(id, $"connect to {leaderSid} {why}"), ActorRefs.NoSender));
            return id;
        }
        var connection = new SimulatedConnection(id, learnerSid, learner, leaderSid, leader);
        connections[id] = connection;
        Statistics.ConnectionsOpened++;
        Deliver(connection, learnerSid, new ConnectionOpened(id, learnerSid));
        return id;
    }

    public void Send(ConnectionId connection, long fromSid, QuorumPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (!connections.TryGetValue(connection, out var open) || !open.Connects(fromSid))
        {
            Statistics.PacketsOnClosed++;
            return;
        }
        Statistics.PacketsSent++;
        Deliver(open, fromSid, new ConnectionMessage(connection, fromSid, packet));
    }

    public void Close(ConnectionId connection, string reason)
    {
        if (!connections.Remove(connection, out var open))
        {
            return;
        }
        open.Alive = false;
        Statistics.ConnectionsClosed++;
        var closed = new ConnectionClosed(connection, reason);
        // Whatever is in flight is discarded (deliveries check Alive); both ends learn of the close.
        foreach (var sid in new[] { open.LearnerSid, open.LeaderSid })
        {
            var to = open.RefOf(sid);
            scheduler.ScheduleOnce(Delay(open.Other(sid), sid), () => to.Tell(closed, ActorRefs.NoSender));
        }
    }

    /// <summary>The live connections, in the order they were opened.</summary>
    public IReadOnlyList<(ConnectionId Connection, long Learner, long Leader)> OpenConnections() =>
        [.. connections.Values.OrderBy(c => c.Id.Value).Select(c => (c.Id, c.LearnerSid, c.LeaderSid))];

    private void Deliver(SimulatedConnection connection, long fromSid, object message)
    {
        var toSid = connection.Other(fromSid);
        var to = connection.RefOf(toSid);
        var at = connection.NextDelivery(toSid, scheduler.Elapsed + Delay(fromSid, toSid));
        scheduler.ScheduleOnce(at - scheduler.Elapsed, () =>
        {
            if (!connection.Alive)
            {
                Statistics.PacketsDiscarded++;
                return;
            }
            to.Tell(message, ActorRefs.NoSender);
        });
    }

    private void ScheduleElection(long fromSid, long toSid, PeerEnvelope envelope, TimeSpan delay) =>
        scheduler.ScheduleOnce(delay, () =>
        {
            // Checked again on arrival: a partition or crash since sending loses the datagram.
            if (!Reachable(fromSid, toSid) || !peers.TryGetValue(toSid, out var to))
            {
                Statistics.ElectionLost++;
                return;
            }
            Statistics.ElectionDelivered++;
            Statistics.CountElection(fromSid, toSid);
            ElectionTrace?.Invoke($"election {fromSid}->{toSid} {envelope.Message}");
            to.Tell(envelope, ActorRefs.NoSender);
        });

    private void CloseWhere(Func<SimulatedConnection, bool> predicate, string reason)
    {
        foreach (var connection in connections.Values.Where(predicate).OrderBy(c => c.Id.Value).ToList())
        {
            Close(connection.Id, reason);
        }
    }

    private static TimeSpan Milliseconds(double ms) => TimeSpan.FromMilliseconds(ms);
}
