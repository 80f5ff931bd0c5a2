using System.Buffers;
using System.Buffers.Binary;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>
/// Builds one record: a format byte, the record's kind (its one-letter manifest), little-endian fields, then the
/// CRC-32C of everything before it.
/// </summary>
internal sealed class RecordWriter
{
    public const byte FormatVersion = 1;

    private readonly ArrayBufferWriter<byte> buffer = new(64);

    public RecordWriter(string manifest)
    {
        WriteByte(FormatVersion);
        WriteByte(Kind(manifest));
    }

    /// <summary>The kind byte of a one-letter ASCII manifest.</summary>
    public static byte Kind(string manifest) => manifest.Length == 1 && manifest[0] < 128 ? (byte)manifest[0] : (byte)0;

    public void WriteByte(byte value) => buffer.Write([value]);

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(sizeof(long)), value);
        buffer.Advance(sizeof(long));
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(sizeof(int)), value);
        buffer.Advance(sizeof(int));
    }

    public void WriteBytes(Bytes bytes)
    {
        WriteInt32(bytes.Length);
        buffer.Write(bytes.Span);
    }

    public void WriteTxn(Txn txn)
    {
        WriteInt64(txn.Zxid.Value);
        WriteBytes(txn.Data);
    }

    /// <summary>Appends the checksum and returns the finished record.</summary>
    public byte[] Finish()
    {
        var crc = Crc32C.Compute(buffer.WrittenSpan);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.GetSpan(sizeof(uint)), crc);
        buffer.Advance(sizeof(uint));
        return buffer.WrittenSpan.ToArray();
    }
}
