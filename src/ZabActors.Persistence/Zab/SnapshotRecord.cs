using System.Buffers.Binary;
using ZabActors.Zab;
using ZabSnapshot = ZabActors.Zab.Snapshot;

namespace ZabActors.Persistence.Zab;

/// <summary>
/// The stored form of a state-machine snapshot: u32 LE magic "ZSN1", i64 LE zxid, then the data.
/// The snapshot store keys it by the zxid as its sequence nr; the copy inside lets a load check
/// that the bytes belong to that key.
/// </summary>
internal static class SnapshotRecord
{
    private const uint Magic = 0x314E535A; // "ZSN1" little-endian
    private const int HeaderBytes = sizeof(uint) + sizeof(long);

    public static byte[] Encode(ZabSnapshot snapshot)
    {
        var bytes = new byte[HeaderBytes + snapshot.Data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(sizeof(uint)), snapshot.Zxid.Value);
        snapshot.Data.Span.CopyTo(bytes.AsSpan(HeaderBytes));
        return bytes;
    }

    /// <summary>The snapshot stored under <paramref name="sequenceNr"/>, or the reason it is unusable.</summary>
    public static ZabSnapshot Decode(byte[] bytes, long sequenceNr)
    {
        if (bytes.Length < HeaderBytes)
            throw new InvalidDataException($"{bytes.Length} byte(s) are too short for a snapshot header");
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
            throw new InvalidDataException("the bytes do not start with a ZAB snapshot header");
        var zxid = new Zxid(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(sizeof(uint))));
        if (zxid.Value != sequenceNr)
            throw new InvalidDataException($"the snapshot inside is at {zxid}, it is stored as {new Zxid(sequenceNr)}");
        return new ZabSnapshot(zxid, Bytes.Wrap(bytes[HeaderBytes..]));
    }
}
