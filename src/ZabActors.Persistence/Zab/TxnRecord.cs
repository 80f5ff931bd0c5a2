using System.Buffers.Binary;
using ZabActors.Zab;

namespace ZabActors.Persistence.Zab;

/// <summary>
/// The journal record of one logged transaction: manifest <see cref="Manifest"/>, payload
/// i64 LE zxid followed by the transaction's data. The journal's checksum covers both.
/// </summary>
internal static class TxnRecord
{
    public const string Manifest = "zab.txn/1";

    private const int HeaderBytes = sizeof(long);

    public static Persistent Encode(string persistenceId, long sequenceNr, Txn txn)
    {
        var payload = new byte[HeaderBytes + txn.Data.Length];
        BinaryPrimitives.WriteInt64LittleEndian(payload, txn.Zxid.Value);
        txn.Data.Span.CopyTo(payload.AsSpan(HeaderBytes));
        return new Persistent(persistenceId, sequenceNr, Manifest, payload);
    }

    /// <summary>The zxid of a stored record; a record that is not a txn record is corruption.</summary>
    public static Zxid ReadZxid(Persistent record, string location)
    {
        if (record.Manifest != Manifest)
            throw Corrupt(record, location, $"manifest '{record.Manifest}' is not a transaction ('{Manifest}')");
        if (record.Payload.Length < HeaderBytes)
            throw Corrupt(record, location, $"payload of {record.Payload.Length} byte(s) is shorter than a zxid");
        var zxid = new Zxid(BinaryPrimitives.ReadInt64LittleEndian(record.Payload));
        if (zxid.Value <= 0)
            throw Corrupt(record, location, $"zxid {zxid} is not a transaction's");
        return zxid;
    }

    public static Txn Decode(Persistent record, string location) =>
        new(ReadZxid(record, location), Bytes.Wrap(record.Payload[HeaderBytes..]));

    public static JournalCorruptedException Corrupt(Persistent record, string location, string reason) =>
        new(record.PersistenceId, record.SequenceNr, location, reason);
}
