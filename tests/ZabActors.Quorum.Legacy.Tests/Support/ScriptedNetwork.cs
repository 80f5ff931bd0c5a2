using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>What the peer under test asked the network to do; the probe playing the network receives these.</summary>
internal sealed record SentElection(long From, long To, Notification Notification);

internal sealed record Connected(ConnectionId Connection, long Learner, long Leader);

internal sealed record SentPacket(ConnectionId Connection, long From, QuorumPacket Packet)
{
    public override string ToString() => $"SentPacket({Connection}, from {From}: {Packet})";
}

internal sealed record Closed(ConnectionId Connection, string Reason);

/// <summary>
/// A network played by a test probe, as Zab1_0Test plays the other side by hand: every call of the
/// peer under test becomes a message to the probe, and the test delivers the other side's messages
/// straight to the registered peer root.
/// </summary>
internal sealed class ScriptedNetwork(IActorRef probe) : IQuorumNetwork
{
    private long nextConnection = 1000;

    public Dictionary<long, IActorRef> Registered { get; } = [];

    public void Register(long sid, IActorRef peer) => Registered[sid] = peer;

    public void Unregister(long sid) => Registered.Remove(sid);

    public void SendElection(long fromSid, long toSid, Notification notification) =>
        probe.Tell(new SentElection(fromSid, toSid, notification), ActorRefs.NoSender);

    public ConnectionId Connect(long learnerSid, long leaderSid)
    {
        var id = new ConnectionId(++nextConnection);
        probe.Tell(new Connected(id, learnerSid, leaderSid), ActorRefs.NoSender);
        return id;
    }

    public void Send(ConnectionId connection, long fromSid, QuorumPacket packet) =>
        probe.Tell(new SentPacket(connection, fromSid, packet), ActorRefs.NoSender);

    public void Close(ConnectionId connection, string reason) =>
        probe.Tell(new Closed(connection, reason), ActorRefs.NoSender);
}
