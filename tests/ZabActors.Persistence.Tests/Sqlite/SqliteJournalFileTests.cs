using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ZabActors.Persistence.Sqlite;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.Sqlite;

/// <summary>
/// The SQLite journal against its real files: killed without closing, reopened from a crash
/// image, damaged byte by byte, ending in a torn WAL tail, or pointed at the wrong file.
/// </summary>
public sealed class SqliteJournalFileTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private static byte[] Marked(long sequenceNr) => Encoding.ASCII.GetBytes($"MARKER-{sequenceNr:D4}-" + new string('x', 48));

    private static AtomicWrite Write(string persistenceId, long from, long to) =>
        new(Enumerable.Range((int)from, (int)(to - from + 1))
            .Select(n => new Persistent(persistenceId, n, "m", Marked(n))).ToList());

    private static async Task WriteAllAsync(SqliteJournal journal, params AtomicWrite[] writes) =>
        Assert.All(await journal.WriteMessagesAsync(writes), Assert.Null);

    private static async Task<List<long>> ReplayAsync(SqliteJournal journal, string persistenceId)
    {
        var replayed = new List<Persistent>();
        await journal.ReplayMessagesAsync(persistenceId, 1, long.MaxValue, long.MaxValue, replayed.Add);
        Assert.All(replayed, r => Assert.Equal(Marked(r.SequenceNr), r.Payload));
        return replayed.Select(r => r.SequenceNr).ToList();
    }

    private static List<long> Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => (long)n).ToList();

    private SqliteJournal Open(string? dataDirectory = null, ILoggerFactory? logging = null, string fileName = "journal.db") =>
        new(new SqliteJournalSettings(dataDirectory ?? directory.Path, fileName), logging);

    /// <summary>Copies the files as they are on disk right now, as a crash would leave them (the shared-memory index is rebuilt).</summary>
    private string CrashImage(string name)
    {
        var image = Directory.CreateDirectory(directory.Combine(name)).FullName;
        foreach (var file in new[] { "journal.db", "journal.db-wal" })
            if (File.Exists(directory.Combine(file)))
                File.Copy(directory.Combine(file), Path.Combine(image, file));
        return image;
    }

    [Fact]
    public async Task Acknowledged_writes_survive_a_kill_without_close()
    {
        var killed = Open();
        await WriteAllAsync(killed, Write("a", 1, 10));
        await WriteAllAsync(killed, Write("a", 11, 20), Write("b", 1, 1));
        await killed.DeleteMessagesToAsync("a", 5);
        // "killed" is abandoned: no dispose, no checkpoint; its connections stay as they are.

        await using var reopened = Open();
        Assert.Equal(Range(6, 20), await ReplayAsync(reopened, "a"));
        Assert.Equal(20, await reopened.ReadHighestSequenceNrAsync("a", 0));
        await WriteAllAsync(reopened, Write("a", 21, 21));
        Assert.Equal(Range(6, 21), await ReplayAsync(reopened, "a"));
    }

    [Fact]
    public async Task Acknowledged_writes_are_in_the_files_when_their_task_completes()
    {
        var killed = Open();
        for (var n = 1; n <= 30; n++)
            await WriteAllAsync(killed, Write("a", n, n));
        var image = CrashImage("image");

        await using var recovered = Open(image);
        Assert.Equal(Range(1, 30), await ReplayAsync(recovered, "a"));
    }

    [Theory]
    [InlineData(true, "partial frame")]
    [InlineData(false, "fails its checksum")]
    public async Task A_torn_wal_tail_is_dropped_and_logged(bool partialFrame, string reason)
    {
        var killed = Open();
        await WriteAllAsync(killed, Write("a", 1, 5));
        var image = CrashImage("image");
        AppendTornFrame(Path.Combine(image, "journal.db-wal"), partialFrame);

        var logging = new CapturingLoggerFactory();
        await using var recovered = Open(image, logging);
        var warning = Assert.Single(logging.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("torn WAL tail", warning.Message);
        Assert.Contains(reason, warning.Message);
        Assert.Contains(Path.Combine(image, "journal.db"), warning.Message);
        Assert.Equal(Range(1, 5), await ReplayAsync(recovered, "a"));
        await WriteAllAsync(recovered, Write("a", 6, 6));
        Assert.Equal(Range(1, 6), await ReplayAsync(recovered, "a"));
    }

    [Fact]
    public async Task A_clean_wal_is_not_reported_as_torn()
    {
        var killed = Open();
        await WriteAllAsync(killed, Write("a", 1, 5));
        var image = CrashImage("image");
        var logging = new CapturingLoggerFactory();
        await using var recovered = Open(image, logging);
        Assert.DoesNotContain(logging.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(Range(1, 5), await ReplayAsync(recovered, "a"));
    }

    /// <summary>
    /// Appends a copy of the last WAL frame made into the start of a transaction that never
    /// committed: a frame of the current generation whose checksum breaks the chain, or only
    /// the first half of one, as a crash in the middle of the write leaves it.
    /// </summary>
    private static void AppendTornFrame(string walPath, bool partialFrame)
    {
        var wal = File.ReadAllBytes(walPath);
        var pageSize = (wal[8] << 24) | (wal[9] << 16) | (wal[10] << 8) | wal[11];
        var frameSize = 24 + pageSize;
        Assert.True(wal.Length >= 32 + frameSize, "the WAL should hold committed frames");
        var frame = wal.AsSpan(wal.Length - frameSize, frameSize).ToArray();
        frame[^1] ^= 0xFF;
        using var file = new FileStream(walPath, FileMode.Append, FileAccess.Write);
        file.Write(partialFrame ? frame.AsSpan(0, frameSize / 2) : frame);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_flipped_byte_in_the_file_stops_recovery_with_the_id_sequence_nr_and_file(bool inChecksum)
    {
        var journal = Open();
        await WriteAllAsync(journal, Write("a", 1, 6));
        await journal.DisposeAsync();
        var path = directory.Combine("journal.db");
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "closing should checkpoint the WAL");

        var bytes = File.ReadAllBytes(path);
        var marker = Marked(4);
        var offset = bytes.AsSpan().IndexOf(marker);
        Assert.True(offset >= 0, "payload of record 4 should be in the database file");
        Assert.Equal(-1, bytes.AsSpan(offset + 1).IndexOf(marker));
        // The checksum column follows the payload column in the row, so its first stored byte follows the payload.
        bytes[inChecksum ? offset + marker.Length : offset + 10] ^= 0x04;
        File.WriteAllBytes(path, bytes);

        await using var reopened = Open();
        var replayed = new List<long>();
        var error = await Assert.ThrowsAsync<JournalCorruptedException>(() =>
            reopened.ReplayMessagesAsync("a", 1, long.MaxValue, long.MaxValue, r => replayed.Add(r.SequenceNr)));
        Assert.Equal([1L, 2L, 3L], replayed);
        Assert.Equal("a", error.PersistenceId);
        Assert.Equal(4, error.SequenceNr);
        Assert.Equal(path, error.Location);
        Assert.Contains(path, error.Message);
        Assert.Contains("checksum mismatch", error.Message);
    }

    [Fact]
    public async Task A_missing_record_stops_recovery()
    {
        await using (var journal = Open())
            await WriteAllAsync(journal, Write("a", 1, 5));
        ExecuteRaw("DELETE FROM journal WHERE persistence_id = 'a' AND sequence_nr = 3;");

        await using var reopened = Open();
        var error = await Assert.ThrowsAsync<JournalCorruptedException>(() =>
            reopened.ReplayMessagesAsync("a", 1, long.MaxValue, long.MaxValue, _ => { }));
        Assert.Equal(3, error.SequenceNr);
        Assert.Contains("record 3 is missing", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_a_clear_error()
    {
        var path = directory.Combine("journal.db");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("this is not a database. ", 200)));
        var error = Assert.Throws<StoreOpenException>(() => Open());
        Assert.Contains(path, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
    }

    [Fact]
    public async Task A_wrong_schema_version_is_a_clear_error()
    {
        await using (Open()) { }
        ExecuteRaw("UPDATE zab_schema_version SET version = 99;");
        var error = Assert.Throws<StoreOpenException>(() => Open());
        Assert.Contains(directory.Combine("journal.db"), error.Message);
        Assert.Contains("schema version 99 found", error.Message);
    }

    [Fact]
    public void A_database_of_another_application_is_a_clear_error()
    {
        ExecuteRaw("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);");
        var error = Assert.Throws<StoreOpenException>(() => Open());
        Assert.Contains("not a ZabActors store", error.Message);
        Assert.Contains("customers", error.Message);
    }

    [Fact]
    public async Task A_snapshot_file_opened_as_a_journal_is_a_clear_error()
    {
        await using (new SqliteSnapshotStore(new SqliteSnapshotStoreSettings(directory.Path, "journal.db"))) { }
        var error = Assert.Throws<StoreOpenException>(() => Open());
        Assert.Contains("holds a ZabActors snapshot store, not a journal", error.Message);
    }

    [Fact]
    public void A_data_dir_that_is_a_file_is_a_clear_error()
    {
        var notADirectory = directory.Combine("plain-file");
        File.WriteAllText(notADirectory, "x");
        var error = Assert.Throws<StoreOpenException>(() => Open(notADirectory));
        Assert.Contains("cannot create data directory", error.Message);
        Assert.Contains(notADirectory, error.Message);
    }

    [Fact]
    public async Task Each_node_keeps_its_own_file_under_its_data_dir()
    {
        await using var node1 = Open(directory.Combine("node1"));
        await using var node2 = Open(directory.Combine("node2"));
        await WriteAllAsync(node1, Write("log", 1, 3));
        await WriteAllAsync(node2, Write("log", 1, 1));
        Assert.Equal(directory.Combine(Path.Combine("node1", "journal.db")), node1.DatabasePath);
        Assert.Equal(Range(1, 3), await ReplayAsync(node1, "log"));
        Assert.Equal(Range(1, 1), await ReplayAsync(node2, "log"));
    }

    private void ExecuteRaw(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={directory.Combine("journal.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
