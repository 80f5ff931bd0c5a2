using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ZabActors.Remote.Serialization;

/// <summary>
/// The compact binary primitives of the wire format: little-endian fixed integers, LEB128 variable
/// length integers and strings as a varint byte count followed by UTF-8. <see cref="SpanReader"/> reads them.
/// </summary>
public static class BufferWriterExtensions
{
    public static void WriteByte(this IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void WriteInt32(this IBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public static void WriteInt64(this IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public static void WriteVarUInt64(this IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        output.Advance(i);
    }

    public static void WriteString(this IBufferWriter<byte> output, string value)
    {
        // Short strings (paths, manifests) are encoded in place; the count is known only afterwards,
        // so reserve the largest prefix and fall back to measuring for long ones.
        if (value.Length <= 42)
        {
            var span = output.GetSpan(1 + value.Length * 3);
            var written = Encoding.UTF8.GetBytes(value, span[1..]);
            span[0] = (byte)written;
            output.Advance(1 + written);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        output.WriteVarUInt64((ulong)count);
        Encoding.UTF8.GetBytes(value, output);
    }

    public static void WriteBytes(this IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        output.WriteVarUInt64((ulong)value.Length);
        output.Write(value);
    }
}
