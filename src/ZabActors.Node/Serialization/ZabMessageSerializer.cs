using System.Buffers;
using ZabActors.Remote.Serialization;
using ZabActors.Zab;

namespace ZabActors.Node.Serialization;

/// <summary>
/// Carries every <see cref="ZabMessage"/> (election <see cref="Notification"/>s and all
/// <see cref="QuorumPacket"/>s) as its own message, in the layout of <see cref="ZabPacketCodec"/>.
/// The tag byte inside the body names the type, so the manifest stays empty.
/// </summary>
public sealed class ZabMessageSerializer : ISerializer
{
    public const int Id = 100;

    public int Identifier => Id;

    public string Manifest(object message) => "";

    public byte[] ToBinary(object message) => WireFormat.ToArray(message, ToBinary);

    public void ToBinary(object message, IBufferWriter<byte> output) =>
        ZabPacketCodec.Write(output, message as ZabMessage ?? throw WireFormat.CannotSerialize(nameof(ZabMessageSerializer), message));

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new SpanReader(bytes);
        var message = ZabPacketCodec.Read(ref reader);
        reader.EnsureConsumed();
        return message;
    }
}
