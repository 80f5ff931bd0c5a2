using System.Buffers;

namespace ZabActors.Remote.Serialization;

/// <summary>Encodes <see cref="TestMessage"/> as an 8-byte sequence followed by length-prefixed UTF-8 text.</summary>
public sealed class TestMessageSerializer : ISerializer
{
    public const int Id = 3;

    public int Identifier => Id;

    public string Manifest(object message) => "";

    public byte[] ToBinary(object message)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        ToBinary(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public void ToBinary(object message, IBufferWriter<byte> output)
    {
        var m = (TestMessage)message;
        output.WriteInt64(m.Sequence);
        output.WriteString(m.Text);
    }

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new SpanReader(bytes);
        var sequence = reader.ReadInt64();
        var text = reader.ReadString();
        reader.EnsureConsumed();
        return new TestMessage(sequence, text);
    }
}
