using Akka.Actor;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport.Tests;

/// <summary>Steps a learner connection through the transport as a peer shell would.</summary>
internal static class ConnectionDriver
{
    /// <summary>Learner <paramref name="learner"/> connects to <paramref name="leader"/>; returns both ends' ids once the leader saw it open.</summary>
    public static (ConnectionId Learner, ConnectionId Leader) Open(PeerNode learner, PeerNode leader, TimeSpan? within = null)
    {
        learner.Transport.Tell(new Connect(leader.Sid), learner.Root.Ref);
        var connecting = learner.Root.ExpectMsg<Connecting>();
        var opened = leader.Root.ExpectMsg<ConnectionOpened>(within ?? TimeSpan.FromSeconds(10));
        Assert.Equal(learner.Sid, opened.LearnerSid);
        return (connecting.Connection, opened.Connection);
    }

    /// <summary>
    /// Connects until the leader sees the connection open, as a learner retries after a refused or
    /// failed connect (for example while Akka.Remote's retry gate is closed after a broken association).
    /// </summary>
    public static (ConnectionId Learner, ConnectionId Leader) OpenEventually(PeerNode learner, PeerNode leader, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            learner.Transport.Tell(new Connect(leader.Sid), learner.Root.Ref);
            var connecting = learner.Root.ExpectMsg<Connecting>();
            var opened = leader.Root.ReceiveOne(TimeSpan.FromSeconds(2));
            if (opened is ConnectionOpened o)
            {
                return (connecting.Connection, o.Connection);
            }
            // Either the transport already reported this attempt closed, or closing it now does; once either way.
            learner.Transport.Tell(new Close(connecting.Connection, "retry"));
            learner.Root.FishForMessage<ConnectionClosed>(c => c.Connection == connecting.Connection, TimeSpan.FromSeconds(5));
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"server {learner.Sid} could not connect to {leader.Sid}");
            }
        }
    }

    /// <summary>Sends an election notification until it arrives (datagrams may be lost while an association forms).</summary>
    public static PeerEnvelope ElectUntilHeard(PeerNode from, PeerNode to, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            from.Transport.Tell(new SendElection(to.Sid, Samples.Vote(from.Sid)));
            if (to.Root.ReceiveOne(TimeSpan.FromMilliseconds(500)) is PeerEnvelope heard)
            {
                return heard;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"server {to.Sid} never heard server {from.Sid}");
            }
        }
    }

    public static void Send(PeerNode from, ConnectionId connection, params QuorumPacket[] packets)
    {
        foreach (var packet in packets)
        {
            from.Transport.Tell(new PeerTransport.Send(connection, packet));
        }
    }
}
