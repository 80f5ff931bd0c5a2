using System.Buffers;

namespace ZabActors.Remote.Serialization;

/// <summary>Carries <c>byte[]</c> messages as they are.</summary>
public sealed class ByteArraySerializer : ISerializer
{
    public const int Id = 1;

    public int Identifier => Id;

    public string Manifest(object message) => "";

    public byte[] ToBinary(object message) => (byte[])message;

    public void ToBinary(object message, IBufferWriter<byte> output) => output.Write((byte[])message);

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => bytes.ToArray();
}
