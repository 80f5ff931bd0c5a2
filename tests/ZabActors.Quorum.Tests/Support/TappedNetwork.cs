using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>An <see cref="InProcessQuorumNetwork"/> that also records every connection and packet, for assertions on what went over the wire.</summary>
internal sealed class TappedNetwork(InProcessQuorumNetwork inner) : IQuorumNetwork
{
    private readonly object gate = new();
    private readonly List<(ConnectionId Connection, long From, QuorumPacket Packet)> packets = [];
    private readonly Dictionary<ConnectionId, (long Learner, long Leader)> connections = [];

    public InProcessQuorumNetwork Inner { get; } = inner;

    public void Register(long sid, IActorRef peer) => Inner.Register(sid, peer);

    public void Unregister(long sid) => Inner.Unregister(sid);

    public void SendElection(long fromSid, long toSid, Notification notification) => Inner.SendElection(fromSid, toSid, notification);

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
        Inner.Send(connection, fromSid, packet);
    }

    public void Close(ConnectionId connection, string reason) => Inner.Close(connection, reason);

    /// <summary>Packets the leader sent to <paramref name="learner"/>, per connection, in order.</summary>
    public IReadOnlyList<IReadOnlyList<QuorumPacket>> SentTo(long learner)
    {
        lock (gate)
        {
            return [.. connections.Where(c => c.Value.Learner == learner).OrderBy(c => c.Key.Value)
                .Select(c => (IReadOnlyList<QuorumPacket>)[.. packets.Where(p => p.Connection == c.Key && p.From == c.Value.Leader).Select(p => p.Packet)])];
        }
    }
}
