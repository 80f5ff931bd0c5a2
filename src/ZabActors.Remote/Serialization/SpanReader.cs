using System.Buffers.Binary;
using System.Text;

namespace ZabActors.Remote.Serialization;

/// <summary>
/// Reads the primitives written by <see cref="BufferWriterExtensions"/> from a span, throwing
/// <see cref="FrameFormatException"/> (never an index error) when the input is short or malformed.
/// </summary>
public ref struct SpanReader(ReadOnlySpan<byte> buffer)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return result;
        }
        throw new FrameFormatException($"variable-length integer longer than 10 bytes at offset {_position}");
    }

    /// <summary>Reads a length that must fit in what is left of the input.</summary>
    public int ReadLength()
    {
        var at = _position;
        var length = ReadVarUInt64();
        if (length > (ulong)Remaining)
            throw new FrameFormatException($"length {length} at offset {at} exceeds the {Remaining} bytes left");
        return (int)length;
    }

    public ReadOnlySpan<byte> ReadBytes() => Take(ReadLength());

    public string ReadString()
    {
        var bytes = ReadBytes();
        return bytes.IsEmpty ? "" : DecodeUtf8(bytes);
    }

    internal string ReadString(Utf8StringCache cache)
    {
        var bytes = ReadBytes();
        return bytes.IsEmpty ? "" : cache.GetOrAdd(bytes);
    }

    /// <summary>All bytes not read yet (for example a message body that runs to the end of the frame).</summary>
    public ReadOnlySpan<byte> ReadRest() => Take(Remaining);

    public readonly void EnsureConsumed()
    {
        if (Remaining != 0)
            throw new FrameFormatException($"{Remaining} unexpected trailing bytes at offset {_position}");
    }

    internal static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FrameFormatException("string is not valid UTF-8");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
            throw new FrameFormatException($"needed {count} bytes at offset {_position}, only {Remaining} left");
        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
