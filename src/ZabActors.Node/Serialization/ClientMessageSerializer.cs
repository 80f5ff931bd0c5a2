using System.Buffers;
using ZabActors.Quorum;
using ZabActors.Remote.Serialization;

namespace ZabActors.Node.Serialization;

/// <summary>
/// Carries a peer's client protocol between processes: <see cref="ClientWrite"/>,
/// <see cref="WriteCommitted"/>, <see cref="WriteFailed"/>, <see cref="GetPeerStatus"/> and
/// <see cref="PeerStatus"/>, each as a tag byte and its fields.
/// </summary>
public sealed class ClientMessageSerializer : ISerializer
{
    public const int Id = 102;
    private const byte WriteTag = 1;
    private const byte CommittedTag = 2;
    private const byte FailedTag = 3;
    private const byte GetStatusTag = 4;
    private const byte StatusTag = 5;

    /// <summary>The message types this serializer is bound to.</summary>
    public static IReadOnlyList<Type> Types { get; } =
        [typeof(ClientWrite), typeof(WriteCommitted), typeof(WriteFailed), typeof(GetPeerStatus), typeof(PeerStatus)];

    public int Identifier => Id;

    public string Manifest(object message) => "";

    public byte[] ToBinary(object message) => WireFormat.ToArray(message, ToBinary);

    public void ToBinary(object message, IBufferWriter<byte> output)
    {
        switch (message)
        {
            case ClientWrite write:
                output.WriteByte(WriteTag);
                output.WriteSigned(write.RequestId);
                output.WriteBytes(write.Data ?? throw new NotSerializableException("a ClientWrite needs data"));
                break;
            case WriteCommitted committed:
                output.WriteByte(CommittedTag);
                output.WriteSigned(committed.RequestId);
                output.WriteZxid(committed.Zxid);
                break;
            case WriteFailed failed:
                output.WriteByte(FailedTag);
                output.WriteSigned(failed.RequestId);
                output.WriteString(failed.Reason);
                break;
            case GetPeerStatus:
                output.WriteByte(GetStatusTag);
                break;
            case PeerStatus status:
                WriteStatus(output, status);
                break;
            default:
                throw WireFormat.CannotSerialize(nameof(ClientMessageSerializer), message);
        }
    }

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new SpanReader(bytes);
        var tag = reader.ReadByte();
        object message = tag switch
        {
            WriteTag => new ClientWrite(WireFormat.ReadSigned(ref reader), reader.ReadBytes().ToArray()),
            CommittedTag => new WriteCommitted(WireFormat.ReadSigned(ref reader), WireFormat.ReadZxid(ref reader)),
            FailedTag => new WriteFailed(WireFormat.ReadSigned(ref reader), reader.ReadString()),
            GetStatusTag => GetPeerStatus.Instance,
            StatusTag => ReadStatus(ref reader),
            _ => throw WireFormat.UnknownTag("client message", tag),
        };
        reader.EnsureConsumed();
        return message;
    }

    private static void WriteStatus(IBufferWriter<byte> output, PeerStatus status)
    {
        output.WriteByte(StatusTag);
        WriteStatusFields(output, status);
    }

    /// <summary>A status's fields without a tag, for messages that embed one.</summary>
    internal static void WriteStatusFields(IBufferWriter<byte> output, PeerStatus status)
    {
        output.WriteSigned(status.Sid);
        output.WriteState(status.State);
        output.WriteSigned(status.AcceptedEpoch);
        output.WriteSigned(status.CurrentEpoch);
        output.WriteZxid(status.LastLoggedZxid);
        output.WriteZxid(status.LastAppliedZxid);
        output.WriteOptional(status.LeaderSid);
    }

    internal static PeerStatus ReadStatus(ref SpanReader reader) => new(
        WireFormat.ReadSigned(ref reader),
        WireFormat.ReadState(ref reader),
        WireFormat.ReadSigned(ref reader),
        WireFormat.ReadSigned(ref reader),
        WireFormat.ReadZxid(ref reader),
        WireFormat.ReadZxid(ref reader),
        WireFormat.ReadOptional(ref reader));
}
