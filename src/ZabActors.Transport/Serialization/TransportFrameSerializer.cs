using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using ZabActors.Transport.Wire;
using ZabActors.Zab;

namespace ZabActors.Transport.Serialization;

/// <summary>
/// Akka serializer for the transport's own frames (one-letter manifests): a header of sender id and
/// incarnation, then the frame's fields. Packets inside a batch are written tag-first in
/// <see cref="ZabCodec"/>'s layout, so one Akka message carries many packets without nested lookups.
/// </summary>
public sealed class TransportFrameSerializer : SerializerWithStringManifest
{
    /// <summary>Outside Akka's reserved 0-100 range; 4100 is <see cref="ZabMessageSerializer"/>.</summary>
    public const int SerializerId = 4101;

    /// <summary>A close reason is diagnostics; it is cut to this many characters on the wire.</summary>
    public const int ReasonLengthMax = 512;

    private const string ElectionManifest = "E";
    private const string OpenManifest = "O";
    private const string BatchManifest = "B";
    private const string ChunkManifest = "K";
    private const string CloseManifest = "C";

    public TransportFrameSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        ElectionDatagram => ElectionManifest,
        OpenConnection => OpenManifest,
        PacketBatch => BatchManifest,
        PacketChunk => ChunkManifest,
        CloseConnection => CloseManifest,
        _ => throw CannotSerialize(o),
    };

    public override byte[] ToBinary(object obj)
    {
        if (obj is not TransportFrame frame)
        {
            throw CannotSerialize(obj);
        }
        var output = new WireWriter(frame is PacketChunk chunk ? chunk.Data.Length + 64 : 64);
        output.Signed(frame.FromSid);
        output.Signed(frame.FromIncarnation);
        WriteBody(output, frame);
        return output.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var input = new WireReader(bytes);
        var sid = input.Signed();
        var incarnation = input.Signed();
        TransportFrame frame = manifest switch
        {
            ElectionManifest => new ElectionDatagram(sid, incarnation, (ZabCodec.ReadBody(ZabCodec.NotificationTag, ref input) as Notification)!),
            OpenManifest => new OpenConnection(sid, incarnation, ReadKey(ref input)),
            BatchManifest => ReadBatch(sid, incarnation, ref input),
            ChunkManifest => new PacketChunk(sid, incarnation, ReadKey(ref input), input.Signed(), input.Count(), input.Count(), Bytes.CopyFrom(input.Bytes())),
            CloseManifest => new CloseConnection(sid, incarnation, ReadKey(ref input), input.Text()),
            _ => throw new SerializationException($"unknown transport frame manifest '{manifest}'"),
        };
        input.EnsureConsumed();
        return frame;
    }

    private static void WriteBody(WireWriter output, TransportFrame frame)
    {
        switch (frame)
        {
            case ElectionDatagram e:
                ZabCodec.WriteBody(output, e.Notification);
                break;
            case OpenConnection o:
                WriteKey(output, o.Key);
                break;
            case PacketBatch b:
                WriteKey(output, b.Key);
                output.Signed(b.Seq);
                output.VarUInt64((ulong)b.Packets.Count);
                foreach (var packet in b.Packets)
                {
                    ZabCodec.Write(output, packet);
                }
                break;
            case PacketChunk k:
                WriteKey(output, k.Key);
                output.Signed(k.Seq);
                output.VarUInt64((ulong)k.Index);
                output.VarUInt64((ulong)k.Count);
                output.Bytes(k.Data.Span);
                break;
            case CloseConnection c:
                WriteKey(output, c.Key);
                output.Text(c.Reason.Length > ReasonLengthMax ? c.Reason[..ReasonLengthMax] : c.Reason);
                break;
            default:
                throw CannotSerialize(frame);
        }
    }

    private static PacketBatch ReadBatch(long sid, long incarnation, ref WireReader input)
    {
        var key = ReadKey(ref input);
        var seq = input.Signed();
        // Every packet takes at least one byte, so a count above what is left is malformed, not a huge allocation.
        var count = input.Count(input.Remaining);
        var packets = new QuorumPacket[count];
        for (var i = 0; i < count; i++)
        {
            packets[i] = ZabCodec.ReadPacket(ref input);
        }
        return new PacketBatch(sid, incarnation, key, seq, packets);
    }

    private static void WriteKey(WireWriter output, ConnectionKey key)
    {
        output.Signed(key.LearnerSid);
        output.Signed(key.LearnerIncarnation);
        output.Signed(key.Number);
    }

    private static ConnectionKey ReadKey(ref WireReader input) => new(input.Signed(), input.Signed(), input.Signed());

    private static SerializationException CannotSerialize(object o) =>
        new($"{nameof(TransportFrameSerializer)} cannot serialize {o.GetType().FullName}");
}
