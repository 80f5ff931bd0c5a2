using Akka.Actor;
using ZabActors.Transport;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Quorum;

/// <summary>
/// Owns the translation between the core's <see cref="Link"/>s and the transport's <see cref="ConnectionId"/>s.
/// Outgoing links are named by the core and get their connection id only when the transport answers
/// <see cref="Connecting"/>; packets the core sends meanwhile wait here (the core may send on a link before it
/// opens) and a close meanwhile is carried out on the answer. Incoming links are named after their connection.
/// </summary>
internal sealed class LinkTable
{
    /// <summary>Packets one link may queue before its connection id is known: a handshake's worth, far more than the core sends.</summary>
    private const int PendingPacketsMax = 10_000;

    private readonly Dictionary<ConnectionId, Link> linkOf = [];
    private readonly Dictionary<Link, ConnectionId> connectionOf = [];
    private readonly Queue<Link> connecting = new();
    private readonly Dictionary<Link, List<QuorumPacket>> waiting = [];
    private readonly Dictionary<Link, string> closedWhileConnecting = [];

    public int Count => connectionOf.Count + waiting.Count;

    public void Open(OpenLink open, IActorRef transport, IActorRef self)
    {
        connecting.Enqueue(open.Link);
        waiting[open.Link] = [];
        transport.Tell(new Connect(open.LeaderSid), self);
    }

    /// <summary>The transport's answer to the oldest <see cref="Connect"/>: sends what waited, or closes a link the core already closed.</summary>
    public void Connected(Connecting reply, IActorRef transport, IActorRef self)
    {
        if (!connecting.TryDequeue(out var link))
        {
            transport.Tell(new Close(reply.Connection, "no link asked for this connection"), self);
            return;
        }
        if (closedWhileConnecting.Remove(link, out var reason))
        {
            transport.Tell(new Close(reply.Connection, reason), self);
            return;
        }
        linkOf[reply.Connection] = link;
        connectionOf[link] = reply.Connection;
        if (waiting.Remove(link, out var packets))
        {
            foreach (var packet in packets)
            {
                transport.Tell(new Send(reply.Connection, packet), self);
            }
        }
    }

    public void Send(SendPacket send, IActorRef transport, IActorRef self)
    {
        if (connectionOf.TryGetValue(send.Link, out var connection))
        {
            transport.Tell(new Send(connection, send.Packet), self);
            return;
        }
        if (waiting.TryGetValue(send.Link, out var packets))
        {
            if (packets.Count >= PendingPacketsMax)
            {
                throw new InvalidOperationException($"{send.Link}: more than {PendingPacketsMax} packets wait for the connection");
            }
            packets.Add(send.Packet);
        }
        // A packet on a link that is gone is dropped, as on a closed socket.
    }

    public void Close(CloseLink close, IActorRef transport, IActorRef self)
    {
        if (connectionOf.Remove(close.Link, out var connection))
        {
            linkOf.Remove(connection);
            transport.Tell(new Close(connection, close.Reason), self);
            return;
        }
        if (waiting.Remove(close.Link))
        {
            closedWhileConnecting[close.Link] = close.Reason;
        }
    }

    /// <summary>An incoming connection becomes an incoming link named after it.</summary>
    public Link Accept(ConnectionId connection)
    {
        var link = new Link(connection.Value, Outgoing: false);
        linkOf[connection] = link;
        connectionOf[link] = connection;
        return link;
    }

    public bool TryFind(ConnectionId connection, out Link link) => linkOf.TryGetValue(connection, out link);

    /// <summary>The connection is gone: forgets it and returns its link, if the core still knows one.</summary>
    public bool TryForget(ConnectionId connection, out Link link)
    {
        if (!linkOf.Remove(connection, out link))
        {
            return false;
        }
        connectionOf.Remove(link);
        return true;
    }

    /// <summary>The transport is gone: every link is lost, including those still waiting for their connection.</summary>
    public IReadOnlyList<Link> ForgetAll()
    {
        var lost = connectionOf.Keys.Concat(waiting.Keys).Distinct().ToList();
        linkOf.Clear();
        connectionOf.Clear();
        connecting.Clear();
        waiting.Clear();
        closedWhileConnecting.Clear();
        return lost;
    }
}
