using System.Buffers.Binary;

namespace ZabActors.Persistence.Zab;

/// <summary>
/// The journal record of a peer's two epochs (ZooKeeper's <c>acceptedEpoch</c> and
/// <c>currentEpoch</c> files, written together): manifest <see cref="Manifest"/>, payload
/// i64 LE accepted epoch then i64 LE current epoch.
/// </summary>
internal static class EpochRecord
{
    public const string Manifest = "zab.epochs/1";

    private const int PayloadBytes = 2 * sizeof(long);

    public static Persistent Encode(string persistenceId, long sequenceNr, long acceptedEpoch, long currentEpoch)
    {
        var payload = new byte[PayloadBytes];
        BinaryPrimitives.WriteInt64LittleEndian(payload, acceptedEpoch);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(sizeof(long)), currentEpoch);
        return new Persistent(persistenceId, sequenceNr, Manifest, payload);
    }

    public static (long Accepted, long Current) Decode(Persistent record, string location)
    {
        if (record.Manifest != Manifest)
            throw Corrupt(record, location, $"manifest '{record.Manifest}' is not an epoch record ('{Manifest}')");
        if (record.Payload.Length != PayloadBytes)
            throw Corrupt(record, location, $"payload of {record.Payload.Length} byte(s), an epoch record has {PayloadBytes}");
        var accepted = BinaryPrimitives.ReadInt64LittleEndian(record.Payload);
        var current = BinaryPrimitives.ReadInt64LittleEndian(record.Payload.AsSpan(sizeof(long)));
        if (accepted < 0 || current < 0)
            throw Corrupt(record, location, $"negative epoch (accepted {accepted}, current {current})");
        return (accepted, current);
    }

    private static JournalCorruptedException Corrupt(Persistent record, string location, string reason) =>
        new(record.PersistenceId, record.SequenceNr, location, reason);
}
