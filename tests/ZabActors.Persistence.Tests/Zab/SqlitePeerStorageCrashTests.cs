using System.Text;
using Microsoft.Data.Sqlite;
using ZabActors.Hocon;
using ZabActors.Persistence.Sqlite;
using ZabActors.Persistence.Tests.Support;
using ZabActors.Persistence.Zab;
using ZabActors.Zab;
using ZabSnapshot = ZabActors.Zab.Snapshot;

namespace ZabActors.Persistence.Tests.Zab;

/// <summary>
/// A peer's storage on real SQLite files: killed without closing, copied as a crash leaves the
/// files, damaged byte by byte, or pointed at files it cannot use.
/// </summary>
public sealed class SqlitePeerStorageCrashTests : IDisposable
{
    private const string Prefix = "peer-3";
    private static readonly string TxnLogId = JournalPeerStorage.TxnLogPersistenceId(Prefix);

    private readonly TempDirectory directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private static JournalPeerStorage Open(string dataDirectory, string config = "") =>
        JournalPeerStorage.Open(ConfigurationFactory.ParseString(config), dataDirectory, Prefix);

    private JournalPeerStorage Open() => Open(directory.Path);

    /// <summary>A payload that is easy to find in the database file.</summary>
    private static Txn T(long counter) =>
        new(Zxid.Make(1, counter), Bytes.FromUtf8($"MARKER-{counter:D4}-" + new string('x', 48)));

    private static Txn[] Txns(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => T(n))];

    private static void Flush(JournalPeerStorage storage, params Txn[] txns)
    {
        foreach (var txn in txns)
            storage.Log.Append(txn);
        storage.Log.Flush();
    }

    /// <summary>Copies the files as they are on disk right now, as a crash would leave them.</summary>
    private string CrashImage(string name)
    {
        var image = Directory.CreateDirectory(directory.Combine(name)).FullName;
        foreach (var file in new[] { "journal.db", "journal.db-wal", "snapshots.db", "snapshots.db-wal" })
            if (File.Exists(directory.Combine(file)))
                File.Copy(directory.Combine(file), Path.Combine(image, file));
        return image;
    }

    [Fact]
    public void Exactly_the_flushed_txns_survive_a_kill_without_close()
    {
        var killed = Open();
        Flush(killed, Txns(1, 5));
        Flush(killed, Txns(6, 7));
        killed.Log.Append(T(8));
        killed.Log.Append(T(9));
        killed.Epochs.Save(1, 1);
        // "killed" is abandoned: no dispose, no checkpoint; T(8) and T(9) were never acknowledged.

        using var reopened = Open();
        Assert.Equal(Txns(1, 7), reopened.Log.ReadAfter(Zxid.Zero));
        Assert.Equal(Zxid.Make(1, 7), reopened.Log.LastZxid);
        Assert.Equal((1L, 1L), (reopened.Epochs.AcceptedEpoch, reopened.Epochs.CurrentEpoch));
        Flush(reopened, T(8));
        Assert.Equal(Txns(1, 8), reopened.Log.ReadAfter(Zxid.Zero));
    }

    [Fact]
    public void Flushed_txns_are_in_the_files_when_Flush_returns()
    {
        var killed = Open();
        for (var counter = 1; counter <= 20; counter++)
            Flush(killed, T(counter));
        killed.Log.Append(T(21));
        var image = CrashImage("image");

        using var recovered = Open(image);
        Assert.Equal(Txns(1, 20), recovered.Log.ReadAfter(Zxid.Zero));
    }

    [Fact]
    public void A_truncate_is_in_the_files_when_it_returns()
    {
        var killed = Open();
        Flush(killed, Txns(1, 10));
        killed.Log.TruncateAfter(Zxid.Make(1, 4));
        var image = CrashImage("image");

        using var recovered = Open(image);
        Assert.Equal(Txns(1, 4), recovered.Log.ReadAfter(Zxid.Zero));
        var next = new Txn(Zxid.Make(2, 1), Bytes.FromUtf8("new epoch"));
        Flush(recovered, next);
        Assert.Equal([.. Txns(1, 4), next], recovered.Log.ReadAfter(Zxid.Zero));
    }

    [Fact]
    public void Snapshots_and_purge_then_a_crash_leave_files_that_open_consistently()
    {
        var killed = Open();
        Flush(killed, Txns(1, 12));
        foreach (var counter in new long[] { 3, 6, 9, 12 })
        {
            killed.Snapshots.Save(new ZabSnapshot(Zxid.Make(1, counter), Bytes.FromUtf8($"state at {counter}")));
            killed.Purge();
        }
        Flush(killed, Txns(13, 14));
        var image = CrashImage("image");

        using var recovered = Open(image);
        var snapshot = recovered.Snapshots.LoadLatest()!;
        Assert.Equal(Zxid.Make(1, 12), snapshot.Zxid);
        Assert.Equal(Zxid.Make(1, 6), recovered.Log.FirstDurableZxid);
        var disk = PeerDisk.Read(recovered.Log, recovered.Epochs, snapshot.Zxid, snapshot.Zxid, committedLogSize: 500);
        Assert.Equal(Zxid.Make(1, 14), disk.LastLoggedZxid);
        Assert.Equal(Txns(13, 14), disk.ToLearnerStart().UnappliedTxns);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_flipped_byte_in_the_journal_file_fails_open_naming_the_id_sequence_nr_and_file(bool inChecksum)
    {
        using (var storage = Open())
            Flush(storage, Txns(1, 6));
        var path = directory.Combine("journal.db");
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "closing should checkpoint the WAL");

        var bytes = File.ReadAllBytes(path);
        var marker = Encoding.UTF8.GetBytes(T(4).Data.ToUtf8());
        var offset = bytes.AsSpan().IndexOf(marker);
        Assert.True(offset >= 0, "txn 4 should be in the database file");
        // The checksum column follows the payload column in the row, so its first stored byte follows the payload.
        bytes[inChecksum ? offset + marker.Length : offset + 10] ^= 0x04;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<PeerStorageOpenException>(() => Open());
        Assert.Contains(TxnLogId, error.Message);
        Assert.Contains("sequence nr 4", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Contains("checksum mismatch", error.Message);
    }

    [Fact]
    public void A_data_dir_that_is_a_file_fails_open_with_a_clear_error()
    {
        var notADirectory = directory.Combine("plain-file");
        File.WriteAllText(notADirectory, "x");
        var error = Assert.Throws<PeerStorageOpenException>(() => Open(notADirectory));
        Assert.Contains($"Cannot open the storage of peer '{Prefix}'", error.Message);
        Assert.Contains("cannot open the journal", error.Message);
        Assert.Contains(notADirectory, error.Message);
    }

    [Fact]
    public async Task A_journal_file_of_the_wrong_kind_fails_open_with_a_clear_error()
    {
        await using (new SqliteSnapshotStore(new SqliteSnapshotStoreSettings(directory.Path, "journal.db"))) { }
        var error = Assert.Throws<PeerStorageOpenException>(() => Open());
        Assert.Contains("holds a ZabActors snapshot store, not a journal", error.Message);
    }

    [Fact]
    public void A_wrong_schema_version_fails_open_with_a_clear_error()
    {
        Open().Dispose();
        using (var connection = new SqliteConnection($"Data Source={directory.Combine("journal.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE zab_schema_version SET version = 99;";
            command.ExecuteNonQuery();
        }
        var error = Assert.Throws<PeerStorageOpenException>(() => Open());
        Assert.Contains("schema version 99 found", error.Message);
    }

    [Fact]
    public void Bad_peer_storage_settings_fail_open_naming_the_key()
    {
        var error = Assert.Throws<PeerStorageOpenException>(() =>
            Open(directory.Path, "zab.persistence.peer-storage.snapshot-retain-count = 1"));
        Assert.Contains("bad configuration", error.Message);
        Assert.Contains("snapshot-retain-count", error.Message);
        Assert.False(File.Exists(directory.Combine("journal.db")), "nothing should be opened with bad settings");
    }

    [Fact]
    public void Each_peer_keeps_its_files_under_its_own_data_dir()
    {
        using var peer1 = Open(directory.Combine("node1"));
        using var peer2 = Open(directory.Combine("node2"));
        Flush(peer1, Txns(1, 3));
        Flush(peer2, Txns(1, 1));
        Assert.Equal(directory.Combine(Path.Combine("node1", "journal.db")), ((SqliteJournal)peer1.Journal).DatabasePath);
        Assert.True(File.Exists(directory.Combine(Path.Combine("node1", "snapshots.db"))));
        Assert.Equal(Txns(1, 3), peer1.Log.ReadAfter(Zxid.Zero));
        Assert.Equal(Txns(1, 1), peer2.Log.ReadAfter(Zxid.Zero));
    }
}
