using ZabActors.Simulation.Checkers;
using ZabActors.Zab;

namespace ZabActors.Simulation.Storage;

/// <summary>
/// One record as it lies on a simulated disk: the transaction (or snapshot) bytes, the checksum written
/// with them, and whether the write was torn (only part of the record reached the platter). Bit rot
/// changes the bytes but not the checksum, so a read catches it.
/// </summary>
internal sealed record DiskRecord(Zxid Zxid, Bytes Data, ulong Checksum, bool Torn = false, bool Volatile = false)
{
    public static DiskRecord Of(Zxid zxid, Bytes data) => new(zxid, data, Sum(zxid, data));

    public bool Intact => !Torn && Sum(Zxid, Data) == Checksum;

    public Txn Txn => new(Zxid, Data);

    /// <summary>The same record with one bit of its data (or, for empty data, of its checksum) flipped.</summary>
    public DiskRecord Rotted(int position)
    {
        if (Data.Length == 0)
        {
            return this with { Checksum = Checksum ^ 1UL };
        }
        var bytes = Data.Span.ToArray();
        bytes[position % bytes.Length] ^= 0x10;
        return this with { Data = Bytes.Wrap(bytes) };
    }

    private static ulong Sum(Zxid zxid, Bytes data) => ChainHash.Extend(ChainHash.Empty, new Txn(zxid, data));
}
