using System.Buffers.Binary;
using System.Text;

namespace ZabActors.ZooKeeper.Jute;

/// <summary>
/// Writes jute's binary encoding as ZooKeeper's BinaryOutputArchive does: big-endian ints and longs,
/// one byte per boolean, buffers and strings as a 4-byte length then bytes (-1 for null), vectors as a
/// 4-byte count (-1 for null) then their elements.
/// </summary>
public sealed class JuteWriter
{
    private byte[] buffer;
    private int length;

    public JuteWriter(int capacity = 256) => buffer = new byte[Math.Max(16, capacity)];

    public int Length => length;

    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

    public byte[] ToArray() => Written.ToArray();

    public JuteWriter WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);
        return this;
    }

    public JuteWriter WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
        return this;
    }

    public JuteWriter WriteBool(bool value)
    {
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
        return this;
    }

    public JuteWriter WriteBuffer(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        value.CopyTo(Reserve(value.Length));
        return this;
    }

    /// <summary>A null buffer, which ZooKeeper writes as length -1 (e.g. a node created with null data).</summary>
    public JuteWriter WriteNullBuffer() => WriteInt(-1);

    public JuteWriter WriteBuffer(byte[]? value) => value is null ? WriteNullBuffer() : WriteBuffer(value.AsSpan());

    public JuteWriter WriteString(string? value)
    {
        if (value is null)
        {
            return WriteInt(-1);
        }
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt(count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
        return this;
    }

    public JuteWriter WriteVector<T>(IReadOnlyList<T>? items, Action<JuteWriter, T> write)
    {
        if (items is null)
        {
            return WriteInt(-1);
        }
        WriteInt(items.Count);
        foreach (var item in items)
        {
            write(this, item);
        }
        return this;
    }

    /// <summary>Overwrites a big-endian int already written at <paramref name="offset"/> (length prefixes).</summary>
    public void PatchInt(int offset, int value) => BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(offset, 4), value);

    private Span<byte> Reserve(int count)
    {
        if (length + count > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + count));
        }
        var span = buffer.AsSpan(length, count);
        length += count;
        return span;
    }
}
