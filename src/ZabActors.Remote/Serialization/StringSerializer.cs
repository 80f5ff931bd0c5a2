using System.Buffers;
using System.Text;

namespace ZabActors.Remote.Serialization;

/// <summary>Carries <c>string</c> messages as UTF-8.</summary>
public sealed class StringSerializer : ISerializer
{
    public const int Id = 2;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public int Identifier => Id;

    public string Manifest(object message) => "";

    public byte[] ToBinary(object message) => StrictUtf8.GetBytes((string)message);

    public void ToBinary(object message, IBufferWriter<byte> output) => StrictUtf8.GetBytes((string)message, output);

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => StrictUtf8.GetString(bytes);
}
