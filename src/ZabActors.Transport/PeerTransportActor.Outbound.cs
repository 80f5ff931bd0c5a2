using Akka.Actor;
using ZabActors.Transport.Serialization;
using ZabActors.Transport.Wire;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport;

// Batching and chunking of connection packets. A packet is queued; the first packet queued sends
// the actor a FlushQueued, so every Send already in the mailbox joins the same batch, and the batch
// leaves earlier when it reaches max-batch-packets or max-batch-size. A packet too large for one
// Akka.Remote frame leaves as consecutive chunks after whatever was queued before it.
public sealed partial class PeerTransportActor
{
    private void OnSend(Send command)
    {
        if (!byId.TryGetValue(command.Connection, out var connection))
        {
            // A closed connection's ends have been told; what they still send is dropped, as on a closed socket.
            dropped++;
            return;
        }
        var size = ZabCodec.SizeBound(command.Packet);
        if (size > settings.ChunkBytes)
        {
            Flush(connection);
            SendChunked(connection, command.Packet);
            return;
        }
        if (connection.Pending.Count >= settings.MaxBatchPackets || connection.PendingBytes + size > settings.MaxBatchBytes)
        {
            Flush(connection);
        }
        connection.Pending.Add(command.Packet);
        connection.PendingBytes += size;
        queued.Add(connection);
        if (!flushScheduled)
        {
            flushScheduled = true;
            Self.Tell(FlushQueued.Instance, Self);
        }
    }

    private void FlushAll()
    {
        flushScheduled = false;
        foreach (var connection in queued.ToList())
        {
            Flush(connection);
        }
    }

    /// <summary>Sends what is queued on <paramref name="connection"/> as one batch frame.</summary>
    private void Flush(PeerConnection connection)
    {
        queued.Remove(connection);
        if (connection.Pending.Count == 0 || RemoteOf(connection.PeerSid) is not { } remote)
        {
            return;
        }
        var packets = connection.Pending.ToArray();
        connection.Pending.Clear();
        connection.PendingBytes = 0;
        packetsSent += packets.Length;
        Transmit(remote, new PacketBatch(mySid, incarnation, connection.Key, ++connection.SentSeq, packets));
    }

    private void SendChunked(PeerConnection connection, QuorumPacket packet)
    {
        if (RemoteOf(connection.PeerSid) is not { } remote)
        {
            return;
        }
        var output = new WireWriter(ZabCodec.SizeBound(packet));
        ZabCodec.Write(output, packet);
        var encoded = output.Written;
        if (encoded.Length <= settings.ChunkBytes)
        {
            // The size bound was pessimistic: the packet fits a frame after all.
            packetsSent++;
            Transmit(remote, new PacketBatch(mySid, incarnation, connection.Key, ++connection.SentSeq, [packet]));
            return;
        }
        var count = (encoded.Length + settings.ChunkBytes - 1) / settings.ChunkBytes;
        for (var index = 0; index < count; index++)
        {
            var start = index * settings.ChunkBytes;
            var piece = encoded.Slice(start, Math.Min(settings.ChunkBytes, encoded.Length - start));
            Transmit(remote, new PacketChunk(mySid, incarnation, connection.Key, ++connection.SentSeq, index, count, Bytes.CopyFrom(piece)));
        }
        packetsSent++;
    }
}
