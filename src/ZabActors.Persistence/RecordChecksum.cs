using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ZabActors.Persistence;

/// <summary>
/// Defines the checksum stored beside every journal record and snapshot, so each store checks
/// records the same way: CRC-32C over the fields in a fixed, length-prefixed layout.
/// </summary>
/// <remarks>
/// Record layout: u32 len + UTF-8 persistence id | i64 sequence nr | u32 len + UTF-8 manifest |
/// u32 len + payload | i32 len (-1 when absent) + UTF-8 writer guid; integers little-endian.
/// Length prefixes make field boundaries part of the checksum, so moving bytes from one field
/// to its neighbour is detected. Snapshot layout: persistence id | sequence nr | i64 timestamp
/// ticks | u32 len + snapshot bytes.
/// </remarks>
public static class RecordChecksum
{
    public static uint Of(Persistent record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var crc = AppendString(0, record.PersistenceId);
        crc = AppendInt64(crc, record.SequenceNr);
        crc = AppendString(crc, record.Manifest);
        crc = AppendInt32(crc, record.Payload.Length);
        crc = Crc32C.Append(crc, record.Payload);
        if (record.WriterGuid is null)
            return AppendInt32(crc, -1);
        return AppendString(crc, record.WriterGuid);
    }

    public static uint OfSnapshot(string persistenceId, long sequenceNr, long timestampTicks, ReadOnlySpan<byte> snapshot)
    {
        var crc = AppendString(0, persistenceId);
        crc = AppendInt64(crc, sequenceNr);
        crc = AppendInt64(crc, timestampTicks);
        crc = AppendInt32(crc, snapshot.Length);
        return Crc32C.Append(crc, snapshot);
    }

    private static uint AppendString(uint crc, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        crc = AppendInt32(crc, byteCount);
        if (byteCount <= 256)
        {
            Span<byte> small = stackalloc byte[256];
            var written = Encoding.UTF8.GetBytes(value, small);
            return Crc32C.Append(crc, small[..written]);
        }
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(value, rented);
            return Crc32C.Append(crc, rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static uint AppendInt32(uint crc, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return Crc32C.Append(crc, bytes);
    }

    private static uint AppendInt64(uint crc, long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return Crc32C.Append(crc, bytes);
    }
}
