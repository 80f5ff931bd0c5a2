using Akka.Serialization;
using ZabActors.Zab;
using static ZabActors.Journal.Tests.Support.Txns;

namespace ZabActors.Journal.Tests;

/// <summary>The record format: bound by reference.conf, round-trips every record, and refuses any damaged byte.</summary>
public sealed class ZabJournalSerializerSpec() : Akka.TestKit.Xunit2.TestKit(ZabJournalConfig.Reference)
{
    public static TheoryData<ITxnLogRecord> Records() =>
    [
        new TxnLogged(Txn(7)),
        new TxnLogged(new Txn(Z(1), Bytes.Empty)),
        new EpochsSaved(5, 4),
        new LogTruncated(Z(3, 2), 17),
        new SnapshotInstalled(Z(9)),
        new TxnLogSnapshot(Snap(4), 2, 1, [Txn(5), Txn(6)], [new SnapshotEntry(3, Z(2)), new SnapshotEntry(8, Z(4))], 3, 0),
    ];

    [Theory]
    [MemberData(nameof(Records))]
    public void Every_record_is_bound_to_the_zab_serializer_and_round_trips(ITxnLogRecord record)
    {
        var serializer = Assert.IsType<ZabJournalSerializer>(Sys.Serialization.FindSerializerFor(record));
        Assert.Equal(4200, serializer.Identifier);
        var manifest = serializer.Manifest(record);
        var copy = serializer.FromBinary(serializer.ToBinary(record), manifest);
        if (record is TxnLogSnapshot snapshot)
        {
            var read = Assert.IsType<TxnLogSnapshot>(copy);
            Assert.Equal(snapshot.Tail.AsEnumerable(), read.Tail.AsEnumerable());
            Assert.Equal(snapshot.Snapshots.AsEnumerable(), read.Snapshots.AsEnumerable());
            Assert.Equal(snapshot with { Tail = read.Tail, Snapshots = read.Snapshots }, read);
            return;
        }
        Assert.Equal(record, copy);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Any_flipped_byte_or_torn_end_fails_with_a_corrupt_record_error(ITxnLogRecord record)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(record);
        var manifest = serializer.Manifest(record);
        var bytes = serializer.ToBinary(record);
        for (var i = 0; i < bytes.Length; i++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[i] ^= 0x01;
            Assert.Throws<CorruptRecordException>(() => serializer.FromBinary(flipped, manifest));
        }
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<CorruptRecordException>(() => serializer.FromBinary(bytes[..length], manifest));
        }
    }

    [Fact]
    public void A_record_read_under_another_manifest_fails()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(new EpochsSaved(1, 1));
        var bytes = serializer.ToBinary(new EpochsSaved(1, 1));
        Assert.Throws<CorruptRecordException>(() => serializer.FromBinary(bytes, "X"));
        Assert.Throws<CorruptRecordException>(() => serializer.FromBinary(bytes, "?"));
    }
}
