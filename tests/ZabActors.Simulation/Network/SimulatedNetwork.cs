using ZabActors.Simulation.Runtime;
using ZabActors.Zab;

namespace ZabActors.Simulation.Network;

/// <summary>
/// The whole ensemble's network in virtual time, mapped onto <see cref="QuorumPeer"/>'s message outputs
/// and link inputs, driven by one seeded generator. Fault model: every message takes a seeded delay
/// within bounds plus the extra latency of a clogged link; a connection (<c>OpenLink</c> →
/// <c>LinkOpened</c>, <c>SendPacket</c> → <c>LinkPacket</c>) delivers each direction in order and loses
/// messages only by being closed (<c>CloseLink</c>, a random drop, a partition, a crashed end), which
/// discards what is in flight and tells both ends (<c>LinkClosed</c>); a connect to a crashed server is
/// refused, to a partitioned one times out. Election notifications (<c>SendNotification</c> →
/// <c>NotificationReceived</c>) are datagrams that may be lost, reordered by their delays, or replayed
/// later; partitions cut connections across groups and drop election traffic between them.
/// </summary>
public sealed partial class SimulatedNetwork
{
    private readonly VirtualScheduler scheduler;
    private readonly SimulationRandom random;
    private readonly INetworkHosts hosts;
    private readonly Dictionary<long, SimulatedConnection> connections = [];
    private readonly Dictionary<(long Sid, int Incarnation, long LinkId), SimulatedConnection> outgoing = [];
    private NetworkOptions options;
    private long nextConnection;

    public SimulatedNetwork(VirtualScheduler scheduler, SimulationRandom random, NetworkOptions options, INetworkHosts hosts)
    {
        this.scheduler = scheduler;
        this.random = random;
        this.hosts = hosts;
        this.options = options.Validate();
    }

    public NetworkStatistics Statistics { get; } = new();

    public NetworkOptions Options => options;

    /// <summary>When set (verbose runs), every election notification delivered is described here; it never feeds the trace hash.</summary>
    public Action<string>? ElectionTrace { get; set; }

    public void SendNotification(long fromSid, SendNotification message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Reachable(fromSid, message.To) || random.Chance(options.ElectionLossProbability))
        {
            Statistics.ElectionLost++;
            return;
        }
        var input = new NotificationReceived(fromSid, message.Notification);
        ScheduleElection(fromSid, message.To, input, Delay(fromSid, message.To));
        if (random.Chance(options.ElectionReplayProbability))
        {
            Statistics.ElectionReplayed++;
            ScheduleElection(fromSid, message.To, input, Delay(fromSid, message.To) + TimeSpan.FromMilliseconds(random.Next(options.ReplayDelayMaxMs + 1)));
        }
    }

    /// <summary>A learner connects to its leader: the leader's current incarnation accepts, or the learner hears the link close.</summary>
    public void OpenLink(long learnerSid, int learnerIncarnation, OpenLink message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var leaderSid = message.LeaderSid;
        var leaderIncarnation = hosts.LiveIncarnation(leaderSid);
        if (leaderIncarnation is null || !Reachable(learnerSid, leaderSid))
        {
            Statistics.ConnectsRefused++;
            var partitioned = leaderIncarnation is not null;
            var after = partitioned ? TimeSpan.FromMilliseconds(options.ConnectTimeoutMs) : Delay(leaderSid, learnerSid);
            var why = partitioned ? "timed out (partition)" : "refused";
            scheduler.ScheduleOnce(after, () => hosts.Deliver(learnerSid, learnerIncarnation, new LinkClosed(message.Link, $"connect to {leaderSid} {why}")));
            return;
        }
        var connection = new SimulatedConnection(++nextConnection, learnerSid, learnerIncarnation, message.Link, leaderSid, leaderIncarnation.Value);
        connections[connection.Id] = connection;
        outgoing[(learnerSid, learnerIncarnation, message.Link.Id)] = connection;
        Statistics.ConnectionsOpened++;
        Deliver(connection, toLeader: true, new LinkOpened(connection.LeaderLink, learnerSid));
    }

    public void SendPacket(long fromSid, int fromIncarnation, SendPacket message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Find(fromSid, fromIncarnation, message.Link) is not { Alive: true } connection)
        {
            Statistics.PacketsOnClosed++;
            return;
        }
        Statistics.PacketsSent++;
        if (message.Link.Outgoing)
        {
            Deliver(connection, toLeader: true, new LinkPacket(connection.LeaderLink, fromSid, message.Packet));
        }
        else
        {
            Deliver(connection, toLeader: false, new LinkPacket(connection.LearnerLink, fromSid, message.Packet));
        }
    }

    public void CloseLink(long fromSid, int fromIncarnation, CloseLink message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Find(fromSid, fromIncarnation, message.Link) is { Alive: true } connection)
        {
            Close(connection, message.Reason);
        }
    }

    /// <summary>The live connections, in the order they were opened.</summary>
    public IReadOnlyList<(long Connection, long Learner, long Leader)> OpenConnections() =>
        [.. connections.Values.OrderBy(c => c.Id).Select(c => (c.Id, c.LearnerSid, c.LeaderSid))];

    private SimulatedConnection? Find(long sid, int incarnation, Link link)
    {
        if (link.Outgoing)
        {
            return outgoing.GetValueOrDefault((sid, incarnation, link.Id));
        }
        return connections.TryGetValue(link.Id, out var incoming) && incoming.LeaderSid == sid && incoming.LeaderIncarnation == incarnation ? incoming : null;
    }

    private void Close(SimulatedConnection connection, string reason)
    {
        if (!connection.Alive)
        {
            return;
        }
        connection.Alive = false;
        connections.Remove(connection.Id);
        outgoing.Remove((connection.LearnerSid, connection.LearnerIncarnation, connection.LearnerLink.Id));
        Statistics.ConnectionsClosed++;
        // Whatever is in flight is discarded (deliveries check Alive); both ends learn of the close.
        scheduler.ScheduleOnce(Delay(connection.LeaderSid, connection.LearnerSid),
            () => hosts.Deliver(connection.LearnerSid, connection.LearnerIncarnation, new LinkClosed(connection.LearnerLink, reason)));
        scheduler.ScheduleOnce(Delay(connection.LearnerSid, connection.LeaderSid),
            () => hosts.Deliver(connection.LeaderSid, connection.LeaderIncarnation, new LinkClosed(connection.LeaderLink, reason)));
    }

    private void Deliver(SimulatedConnection connection, bool toLeader, IPeerInput input)
    {
        var (from, to) = toLeader ? (connection.LearnerSid, connection.LeaderSid) : (connection.LeaderSid, connection.LearnerSid);
        var incarnation = toLeader ? connection.LeaderIncarnation : connection.LearnerIncarnation;
        var at = connection.NextDelivery(toLeader, scheduler.Elapsed + Delay(from, to));
        scheduler.ScheduleAt(at, () =>
        {
            if (!connection.Alive)
            {
                Statistics.PacketsDiscarded++;
                return;
            }
            hosts.Deliver(to, incarnation, input);
        });
    }

    private void ScheduleElection(long fromSid, long toSid, NotificationReceived input, TimeSpan delay) =>
        scheduler.ScheduleOnce(delay, () =>
        {
            // Checked again on arrival: a partition or crash since sending loses the datagram.
            if (!Reachable(fromSid, toSid) || hosts.LiveIncarnation(toSid) is not { } incarnation)
            {
                Statistics.ElectionLost++;
                return;
            }
            Statistics.ElectionDelivered++;
            Statistics.CountElection(fromSid, toSid);
            ElectionTrace?.Invoke($"election {fromSid}->{toSid} {input.Notification}");
            hosts.Deliver(toSid, incarnation, input);
        });

    private void CloseWhere(Func<SimulatedConnection, bool> predicate, string reason)
    {
        foreach (var connection in connections.Values.Where(predicate).OrderBy(c => c.Id).ToList())
        {
            Close(connection, reason);
        }
    }
}

/// <summary>Where the network delivers: the live incarnation of each server, which takes the input (or defers it while paused).</summary>
public interface INetworkHosts
{
    /// <summary>The incarnation of <paramref name="sid"/> that is up now, if any.</summary>
    int? LiveIncarnation(long sid);

    /// <summary>Steps <paramref name="input"/> into incarnation <paramref name="incarnation"/> of <paramref name="sid"/>; dropped if that incarnation is gone.</summary>
    void Deliver(long sid, int incarnation, IPeerInput input);
}
