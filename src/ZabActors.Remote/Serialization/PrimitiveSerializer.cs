using System.Buffers;

namespace ZabActors.Remote.Serialization;

/// <summary>Carries boxed <c>int</c> and <c>long</c> values (message ids of Identify, counters), little-endian.</summary>
public sealed class PrimitiveSerializer : ISerializer
{
    public const int Id = 4;
    private const string Int32Manifest = "i";
    private const string Int64Manifest = "l";

    public int Identifier => Id;

    public string Manifest(object message) => message switch
    {
        int => Int32Manifest,
        long => Int64Manifest,
        _ => throw new NotSerializableException($"{nameof(PrimitiveSerializer)} cannot serialize {message.GetType().FullName}"),
    };

    public byte[] ToBinary(object message)
    {
        var buffer = new ArrayBufferWriter<byte>(8);
        ToBinary(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public void ToBinary(object message, IBufferWriter<byte> output)
    {
        switch (message)
        {
            case int i:
                output.WriteInt32(i);
                break;
            case long l:
                output.WriteInt64(l);
                break;
            default:
                throw new NotSerializableException($"{nameof(PrimitiveSerializer)} cannot serialize {message.GetType().FullName}");
        }
    }

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new SpanReader(bytes);
        object value = manifest switch
        {
            // Each arm boxed on its own: the switch's common type would widen an int to long.
            Int32Manifest => (object)reader.ReadInt32(),
            Int64Manifest => (object)reader.ReadInt64(),
            _ => throw new FrameFormatException($"unknown primitive manifest '{manifest}'"),
        };
        reader.EnsureConsumed();
        return value;
    }
}
