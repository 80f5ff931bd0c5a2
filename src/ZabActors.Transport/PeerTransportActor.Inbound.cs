using Akka.Actor;
using Akka.Event;
using System.Runtime.Serialization;
using ZabActors.Transport.Serialization;
using ZabActors.Transport.Wire;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport;

// Frames from other nodes. Each is first authenticated (its claimed server id must be configured at
// the address it came from) and checked against that server's known incarnation; then it is passed
// on in order, or its connection closes.
public sealed partial class PeerTransportActor
{
    private void ReceiveInbound() => Receive<TransportFrame>(frame =>
    {
        if (!Authenticate(frame) || !CurrentIncarnation(frame))
        {
            dropped++;
            return;
        }
        framesReceived++;
        switch (frame)
        {
            case ElectionDatagram e:
                root.Tell(new PeerEnvelope(e.FromSid, e.Notification with { Sid = e.FromSid }), Self);
                break;
            case OpenConnection o:
                OnOpen(o);
                break;
            case PacketBatch b:
                OnData(b.Key, b.FromSid, b.FromIncarnation, b.Seq, c => Deliver(c, b.Packets));
                break;
            case PacketChunk k:
                OnData(k.Key, k.FromSid, k.FromIncarnation, k.Seq, c => Reassemble(c, k));
                break;
            case CloseConnection c:
                OnRemoteClose(c);
                break;
        }
    });

    /// <summary>True when the frame's server id is configured at the address it came from.</summary>
    private bool Authenticate(TransportFrame frame)
    {
        var from = Sender.Path.Address;
        if (frame.FromSid != mySid && ensemble.TryGetValue(frame.FromSid, out var address) && address.Equals(from))
        {
            return true;
        }
        if (warnings.ShouldWarn(from.ToString(), Context.System.Scheduler.Now, out var suppressed))
        {
            log.Warning("{0} claiming server {1} from {2}, which is not that server's configured address: dropped ({3} more dropped since the last warning)",
                frame.GetType().Name, frame.FromSid, from, suppressed);
        }
        return false;
    }

    /// <summary>
    /// Drops a frame of an older life of its sender; on a newer life closes every connection with that
    /// server, since a restarted process has lost them (ZooKeeper sees the old socket fail).
    /// </summary>
    private bool CurrentIncarnation(TransportFrame frame)
    {
        if (frame.FromIncarnation <= 0)
        {
            return false;
        }
        var known = knownIncarnation.GetValueOrDefault(frame.FromSid);
        if (frame.FromIncarnation < known)
        {
            log.Debug("{0} from an earlier life ({1} < {2}) of server {3} dropped", frame.GetType().Name, frame.FromIncarnation, known, frame.FromSid);
            return false;
        }
        if (frame.FromIncarnation > known)
        {
            knownIncarnation[frame.FromSid] = frame.FromIncarnation;
            if (known != 0)
            {
                log.Info("server {0} restarted (incarnation {1} -> {2})", frame.FromSid, known, frame.FromIncarnation);
            }
            CloseWhere(c => c.PeerSid == frame.FromSid && c.PeerIncarnation != 0 && c.PeerIncarnation != frame.FromIncarnation,
                $"server {frame.FromSid} restarted");
        }
        return true;
    }

    private void OnOpen(OpenConnection open)
    {
        string? refusal = null;
        if (open.Key.LearnerSid != open.FromSid || open.Key.LearnerIncarnation != open.FromIncarnation)
        {
            refusal = $"server {open.FromSid} opened connection {open.Key} in the name of another";
        }
        else if (byKey.ContainsKey(open.Key))
        {
            refusal = $"connection {open.Key} is already open";
        }
        if (refusal is not null)
        {
            log.Warning("connection {0} from server {1} refused: {2}", open.Key, open.FromSid, refusal);
            Transmit(Sender, new CloseConnection(mySid, incarnation, open.Key, refusal));
            return;
        }
        var connection = new PeerConnection(new ConnectionId(++nextId), open.Key, open.FromSid, open.FromIncarnation, isLearnerEnd: false, settings.MaxReassemblyBytes);
        byId.Add(connection.Id, connection);
        byKey.Add(connection.Key, connection);
        root.Tell(new ConnectionOpened(connection.Id, open.FromSid), Self);
    }

    /// <summary>A data frame: handled when it is the next of its connection, else the connection closes.</summary>
    private void OnData(ConnectionKey key, long fromSid, long fromIncarnation, long seq, Action<PeerConnection> handle)
    {
        if (!byKey.TryGetValue(key, out var connection) || connection.PeerSid != fromSid
            || (connection.PeerIncarnation != 0 && connection.PeerIncarnation != fromIncarnation))
        {
            // The other end still believes in a connection this node closed or never knew: tell it.
            Transmit(Sender, new CloseConnection(mySid, incarnation, key, $"server {mySid} has no connection {key}"));
            return;
        }
        connection.PeerIncarnation = fromIncarnation;
        if (seq != connection.ReceivedSeq + 1)
        {
            gaps++;
            var problem = $"lost frames: expected #{connection.ReceivedSeq + 1} from server {fromSid}, got #{seq}";
            log.Warning("{0} closed: {1}", connection, problem);
            CloseConnection(connection, problem, tellRemote: true);
            return;
        }
        connection.ReceivedSeq = seq;
        handle(connection);
    }

    private void Deliver(PeerConnection connection, IReadOnlyList<QuorumPacket> packets)
    {
        packetsReceived += packets.Count;
        foreach (var packet in packets)
        {
            root.Tell(new ConnectionMessage(connection.Id, connection.PeerSid, packet), Self);
        }
    }

    private void Reassemble(PeerConnection connection, PacketChunk chunk)
    {
        var (encoded, problem) = connection.Assembly.Add(chunk.Index, chunk.Count, chunk.Data.Span);
        if (encoded is not null)
        {
            problem = Decode(encoded, out var packet);
            if (packet is not null)
            {
                Deliver(connection, [packet]);
                return;
            }
        }
        if (problem is not null)
        {
            log.Warning("{0} closed: {1}", connection, problem);
            CloseConnection(connection, problem, tellRemote: true);
        }
    }

    private static string? Decode(byte[] encoded, out QuorumPacket? packet)
    {
        try
        {
            var input = new WireReader(encoded);
            packet = ZabCodec.ReadPacket(ref input);
            input.EnsureConsumed();
            return null;
        }
        catch (SerializationException e)
        {
            packet = null;
            return $"chunked packet is malformed: {e.Message}";
        }
    }

    private void OnRemoteClose(CloseConnection close)
    {
        if (byKey.TryGetValue(close.Key, out var connection) && connection.PeerSid == close.FromSid)
        {
            CloseConnection(connection, $"closed by server {close.FromSid}: {close.Reason}", tellRemote: false);
        }
    }
}
