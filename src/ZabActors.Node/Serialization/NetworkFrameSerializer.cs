using System.Buffers;
using ZabActors.Node.Networking;
using ZabActors.Remote.Serialization;

namespace ZabActors.Node.Serialization;

/// <summary>
/// Carries the learner-connection frames (<see cref="OpenConnection"/>, <see cref="ConnectionPacket"/>,
/// <see cref="CloseConnection"/>): a tag byte, the connection key, then the frame's fields; a packet's
/// body is written in place with <see cref="ZabPacketCodec"/>, so a proposal costs one copy.
/// </summary>
public sealed class NetworkFrameSerializer : ISerializer
{
    public const int Id = 101;
    private const byte OpenTag = 1;
    private const byte PacketTag = 2;
    private const byte CloseTag = 3;

    public int Identifier => Id;

    public string Manifest(object message) => "";

    public byte[] ToBinary(object message) => WireFormat.ToArray(message, ToBinary);

    public void ToBinary(object message, IBufferWriter<byte> output)
    {
        switch (message)
        {
            case ConnectionPacket packet:
                output.WriteByte(PacketTag);
                WriteKey(output, packet.Key);
                output.WriteVarUInt64((ulong)packet.Seq);
                ZabPacketCodec.WritePacket(output, packet.Packet);
                break;
            case OpenConnection open:
                output.WriteByte(OpenTag);
                WriteKey(output, open.Key);
                break;
            case CloseConnection close:
                output.WriteByte(CloseTag);
                WriteKey(output, close.Key);
                output.WriteString(close.Reason);
                break;
            default:
                throw WireFormat.CannotSerialize(nameof(NetworkFrameSerializer), message);
        }
    }

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new SpanReader(bytes);
        var tag = reader.ReadByte();
        var key = ReadKey(ref reader);
        object frame = tag switch
        {
            PacketTag => new ConnectionPacket(key, (long)reader.ReadVarUInt64(), ZabPacketCodec.ReadPacket(ref reader)),
            OpenTag => new OpenConnection(key),
            CloseTag => new CloseConnection(key, reader.ReadString()),
            _ => throw WireFormat.UnknownTag("connection frame", tag),
        };
        reader.EnsureConsumed();
        return frame;
    }

    private static void WriteKey(IBufferWriter<byte> output, ConnectionKey key)
    {
        output.WriteSigned(key.LearnerSid);
        output.WriteInt64(key.Incarnation);
        output.WriteVarUInt64((ulong)key.Number);
    }

    private static ConnectionKey ReadKey(ref SpanReader reader) =>
        new(WireFormat.ReadSigned(ref reader), reader.ReadInt64(), (long)reader.ReadVarUInt64());
}
