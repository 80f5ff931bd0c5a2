using System.Collections.Immutable;
using Akka.Actor;
using Akka.Serialization;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>
/// The binary format of every <see cref="ITxnLogRecord"/> in the journal and the snapshot store: one-letter
/// manifests, little-endian fields, a CRC-32C over each record. Bound in reference.conf under
/// <c>akka.actor.serialization-bindings</c>; id 4200, outside Akka's reserved range (0-100).
/// </summary>
public sealed class ZabJournalSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4200;

    private const string TxnManifest = "T";
    private const string EpochsManifest = "E";
    private const string TruncatedManifest = "X";
    private const string InstalledManifest = "I";
    private const string SnapshotManifest = "S";

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        TxnLogged => TxnManifest,
        EpochsSaved => EpochsManifest,
        LogTruncated => TruncatedManifest,
        SnapshotInstalled => InstalledManifest,
        TxnLogSnapshot => SnapshotManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not a zab journal record", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        var writer = new RecordWriter(Manifest(obj));
        switch (obj)
        {
            case TxnLogged logged:
                writer.WriteTxn(logged.Txn);
                break;
            case EpochsSaved epochs:
                writer.WriteInt64(epochs.AcceptedEpoch);
                writer.WriteInt64(epochs.CurrentEpoch);
                break;
            case LogTruncated truncated:
                writer.WriteInt64(truncated.After.Value);
                writer.WriteInt64(truncated.PurgedToSequenceNr);
                break;
            case SnapshotInstalled installed:
                writer.WriteInt64(installed.Zxid.Value);
                break;
            case TxnLogSnapshot snapshot:
                WriteSnapshot(writer, snapshot);
                break;
            default:
                throw new ArgumentException($"{obj.GetType()} is not a zab journal record", nameof(obj));
        }
        return writer.Finish();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new RecordReader(bytes, manifest);
        ITxnLogRecord record = manifest switch
        {
            TxnManifest => new TxnLogged(reader.ReadTxn()),
            EpochsManifest => new EpochsSaved(reader.ReadInt64(), reader.ReadInt64()),
            TruncatedManifest => new LogTruncated(new Zxid(reader.ReadInt64()), reader.ReadInt64()),
            InstalledManifest => new SnapshotInstalled(new Zxid(reader.ReadInt64())),
            SnapshotManifest => ReadSnapshot(ref reader),
            _ => throw new CorruptRecordException(manifest, "unknown manifest"),
        };
        reader.End();
        return record;
    }

    private static void WriteSnapshot(RecordWriter writer, TxnLogSnapshot snapshot)
    {
        writer.WriteInt64(snapshot.Snapshot.Zxid.Value);
        writer.WriteBytes(snapshot.Snapshot.Data);
        writer.WriteInt64(snapshot.AcceptedEpoch);
        writer.WriteInt64(snapshot.CurrentEpoch);
        writer.WriteInt32(snapshot.Tail.Length);
        foreach (var txn in snapshot.Tail)
        {
            writer.WriteTxn(txn);
        }
        writer.WriteInt32(snapshot.Snapshots.Length);
        foreach (var entry in snapshot.Snapshots)
        {
            writer.WriteInt64(entry.SequenceNr);
            writer.WriteInt64(entry.Zxid.Value);
        }
        writer.WriteInt64(snapshot.PurgedToSequenceNr);
        writer.WriteInt64(snapshot.InstalledAtSequenceNr);
    }

    private static TxnLogSnapshot ReadSnapshot(ref RecordReader reader)
    {
        var state = new Snapshot(new Zxid(reader.ReadInt64()), reader.ReadBytes());
        var accepted = reader.ReadInt64();
        var current = reader.ReadInt64();
        var tail = ImmutableArray.CreateBuilder<Txn>(reader.ReadCount());
        for (var i = 0; i < tail.Capacity; i++)
        {
            tail.Add(reader.ReadTxn());
        }
        var entries = ImmutableArray.CreateBuilder<SnapshotEntry>(reader.ReadCount());
        for (var i = 0; i < entries.Capacity; i++)
        {
            entries.Add(new SnapshotEntry(reader.ReadInt64(), new Zxid(reader.ReadInt64())));
        }
        return new TxnLogSnapshot(state, accepted, current, tail.MoveToImmutable(), entries.MoveToImmutable(),
            reader.ReadInt64(), reader.ReadInt64());
    }
}
