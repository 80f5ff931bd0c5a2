using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>
/// An <see cref="InProcessQuorumNetwork"/> that also records every connection, packet and election
/// notification, for assertions on what went over the wire; packets also go to an optional shared
/// <see cref="Timeline"/> as "<c>{from} sends {packet}</c>".
/// </summary>
internal sealed class TappedNetwork(InProcessQuorumNetwork inner, Timeline? timeline = null) : IQuorumNetwork
{
    private readonly object gate = new();
    private readonly List<(ConnectionId Connection, long From, QuorumPacket Packet)> packets = [];
    private readonly Dictionary<ConnectionId, (long Learner, long Leader)> connections = [];
    private readonly List<(long From, long To)> notifications = [];

    public InProcessQuorumNetwork Inner { get; } = inner;

    /// <summary>Called with every packet as it is sent, inside the sender's step: the sender's disk is exactly as it was when it decided to send.</summary>
    public Action<long, QuorumPacket>? OnSend { get; set; }

    public void Register(long sid, IActorRef peer) => Inner.Register(sid, peer);

    public void Unregister(long sid) => Inner.Unregister(sid);

    public void SendElection(long fromSid, long toSid, Notification notification)
    {
        lock (gate)
        {
            notifications.Add((fromSid, toSid));
        }
        Inner.SendElection(fromSid, toSid, notification);
    }

    public ConnectionId Connect(long learnerSid, long leaderSid)
    {
        var id = Inner.Connect(learnerSid, leaderSid);
        lock (gate)
        {
            connections[id] = (learnerSid, leaderSid);
        }
        return id;
    }

    public void Send(ConnectionId connection, long fromSid, QuorumPacket packet)
    {
        lock (gate)
        {
            packets.Add((connection, fromSid, packet));
        }
        timeline?.Add($"{fromSid} sends {packet}");
        OnSend?.Invoke(fromSid, packet);
        Inner.Send(connection, fromSid, packet);
    }

    public void Close(ConnectionId connection, string reason) => Inner.Close(connection, reason);

    /// <summary>Packets the leader sent to <paramref name="learner"/>, per connection, in order.</summary>
    public IReadOnlyList<IReadOnlyList<QuorumPacket>> SentTo(long learner) => Sent(learner, fromLearner: false);

    /// <summary>Packets <paramref name="learner"/> sent to its leader, per connection, in order.</summary>
    public IReadOnlyList<IReadOnlyList<QuorumPacket>> SentBy(long learner) => Sent(learner, fromLearner: true);

    /// <summary>How many election notifications <paramref name="sid"/> sent.</summary>
    public int NotificationsFrom(long sid)
    {
        lock (gate)
        {
            return notifications.Count(n => n.From == sid);
        }
    }

    private IReadOnlyList<IReadOnlyList<QuorumPacket>> Sent(long learner, bool fromLearner)
    {
        lock (gate)
        {
            return [.. connections.Where(c => c.Value.Learner == learner).OrderBy(c => c.Key.Value)
                .Select(c => (IReadOnlyList<QuorumPacket>)[.. packets
                    .Where(p => p.Connection == c.Key && p.From == (fromLearner ? c.Value.Learner : c.Value.Leader))
                    .Select(p => p.Packet)])];
        }
    }
}
