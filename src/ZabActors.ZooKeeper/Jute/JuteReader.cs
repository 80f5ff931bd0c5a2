using System.Buffers.Binary;
using System.Text;

namespace ZabActors.ZooKeeper.Jute;

/// <summary>
/// Reads jute's binary encoding (see <see cref="JuteWriter"/>) from a buffer that holds one whole
/// packet. Every length is checked against the bytes left and against <see cref="MaxLength"/>, so a
/// malformed or hostile packet fails with a <see cref="JuteException"/> and never allocates what it claims.
/// </summary>
public ref struct JuteReader
{
    private readonly ReadOnlySpan<byte> bytes;
    private int position;

    public JuteReader(ReadOnlySpan<byte> bytes, int maxLength = int.MaxValue)
    {
        this.bytes = bytes;
        MaxLength = maxLength;
    }

    /// <summary>The largest buffer, string or vector count accepted (ZooKeeper's jute.maxbuffer).</summary>
    public int MaxLength { get; }

    public int Position => position;

    public int Remaining => bytes.Length - position;

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4, "int"));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8, "long"));

    public bool ReadBool() => Take(1, "boolean")[0] switch
    {
        0 => false,
        1 => true,
        var b => throw new JuteException($"boolean byte {b} at offset {position - 1} is neither 0 nor 1"),
    };

    /// <summary>A buffer; null when its length is -1.</summary>
    public byte[]? ReadBuffer()
    {
        var count = ReadLength("buffer");
        return count < 0 ? null : Take(count, "buffer").ToArray();
    }

    /// <summary>A UTF-8 string; null when its length is -1.</summary>
    public string? ReadString()
    {
        var count = ReadLength("string");
        if (count < 0)
        {
            return null;
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(count, "string"));
        }
        catch (DecoderFallbackException)
        {
            throw new JuteException($"string ending at offset {position} is not valid UTF-8");
        }
    }

    /// <summary>A string that must be present.</summary>
    public string ReadRequiredString(string field) =>
        ReadString() ?? throw new JuteException($"{field} is null");

    /// <summary>The element count of a vector; -1 for a null vector.</summary>
    public int ReadVectorCount()
    {
        var count = ReadInt();
        if (count < -1 || count > MaxLength || count > Remaining)
        {
            // Every element takes at least one byte, so a count above what is left cannot be honest.
            throw new JuteException($"vector count {count} at offset {position - 4} exceeds the {Remaining} bytes left");
        }
        return count;
    }

    /// <summary>Every byte must have been read: trailing bytes mean the packet is not the record it claims.</summary>
    public readonly void EnsureConsumed(string record)
    {
        if (position != bytes.Length)
        {
            throw new JuteException($"{record}: {bytes.Length - position} unexpected trailing bytes");
        }
    }

    private int ReadLength(string what)
    {
        var count = ReadInt();
        if (count < -1 || count > MaxLength)
        {
            throw new JuteException($"{what} length {count} at offset {position - 4} is out of range (max {MaxLength})");
        }
        return count;
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw new JuteException($"{what} of {count} bytes at offset {position} runs past the end ({Remaining} left)");
        }
        var span = bytes.Slice(position, count);
        position += count;
        return span;
    }
}
