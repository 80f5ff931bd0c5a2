using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ZabActors.Transport.Serialization;

/// <summary>
/// Writes the primitives of the peer wire format into a growing buffer: little-endian fixed
/// integers, LEB128 varints, zig-zag signed varints, length-prefixed byte strings and UTF-8 text.
/// The layout is ZabActors' original packet codec, so a capture of either transport reads the same.
/// </summary>
internal sealed class WireWriter
{
    private readonly ArrayBufferWriter<byte> buffer;

    public WireWriter(int initialCapacity = 64) => buffer = new ArrayBufferWriter<byte>(Math.Max(16, initialCapacity));

    public int Length => buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => buffer.WrittenSpan;

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    public void Byte(byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    public void VarUInt64(ulong value)
    {
        var span = buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        buffer.Advance(i);
    }

    /// <summary>Zig-zag: ids and epochs are small and sometimes -1, so both signs stay short.</summary>
    public void Signed(long value) => VarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void Bytes(ReadOnlySpan<byte> value)
    {
        VarUInt64((ulong)value.Length);
        buffer.Write(value);
    }

    public void Raw(ReadOnlySpan<byte> value) => buffer.Write(value);

    public void Text(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        VarUInt64((ulong)count);
        Encoding.UTF8.GetBytes(value, buffer);
    }
}
