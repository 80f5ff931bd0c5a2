using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;

namespace ZabActors.Transport.Serialization;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote, checking every length against what is left, so that
/// malformed or truncated input ends in a <see cref="SerializationException"/> naming the offset,
/// never in an index error or an oversized allocation.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> input)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> input = input;
    private int position;

    public readonly int Remaining => input.Length - position;

    public byte Byte() => Take(1)[0];

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong VarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        throw Malformed("a variable-length integer is longer than 10 bytes");
    }

    public long Signed()
    {
        var raw = VarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A non-negative count or index that must fit an int.</summary>
    public int Count(int max = int.MaxValue)
    {
        var value = VarUInt64();
        if (value > (ulong)max)
        {
            throw Malformed($"count {value} is larger than {max}");
        }
        return (int)value;
    }

    public ReadOnlySpan<byte> Bytes()
    {
        var length = VarUInt64();
        if (length > (ulong)Remaining)
        {
            throw Malformed($"length {length} exceeds the {Remaining} bytes left");
        }
        return Take((int)length);
    }

    public string Text()
    {
        var bytes = Bytes();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("text is not valid UTF-8");
        }
    }

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var flag => throw Malformed($"boolean {flag} is neither 0 nor 1"),
    };

    public readonly void EnsureConsumed()
    {
        if (Remaining != 0)
        {
            throw Malformed($"{Remaining} unexpected trailing bytes");
        }
    }

    public readonly SerializationException Malformed(string problem) => new($"malformed peer message at offset {position}: {problem}");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Malformed($"needed {count} bytes, only {Remaining} left");
        }
        var slice = input.Slice(position, count);
        position += count;
        return slice;
    }
}
