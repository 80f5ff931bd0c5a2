using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Hocon;
using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.Sqlite;

/// <summary>
/// Journal plugin on one SQLite file per node (<c>{data-dir}/journal.db</c>): it owns that file,
/// a group-commit writer that turns concurrent appends into one transaction per fsync, and a
/// small pool of read connections for replays.
/// </summary>
/// <remarks>
/// <para>Durability: WAL mode with <c>synchronous=FULL</c>; a write's task completes after the
/// COMMIT that fsynced its WAL frames.</para>
/// <para>Integrity: each row carries a CRC-32C (<see cref="RecordChecksum"/>). Replay verifies
/// every row and that the sequence has no holes; a bad row stops recovery with a
/// <see cref="JournalCorruptedException"/> naming the id, the sequence nr and this file.</para>
/// <para>Torn writes: SQLite commits a transaction atomically through its WAL, so a row can never
/// be half-written at this level; a row failing its checksum is always corruption, never a torn
/// write. What can be torn is the WAL tail: frames of a transaction that crashed before its
/// commit frame was fsynced. That transaction was never acknowledged; SQLite's recovery drops it
/// and this journal logs it when it opens (<see cref="SqliteWalInspector"/>).</para>
/// </remarks>
public sealed class SqliteJournal : IAsyncWriteJournal
{
    internal const string StoreName = "SQLite journal";

    private const string ReplaySql = """
        SELECT sequence_nr, manifest, writer_guid, payload, checksum FROM journal
        WHERE persistence_id = $id AND sequence_nr >= $from AND sequence_nr <= $to
        ORDER BY sequence_nr LIMIT $max;
        """;

    private readonly SqliteJournalStore store;
    private readonly SqliteReaderPool readers;
    private readonly GroupCommitWriter writer;

    public SqliteJournal(SqliteJournalSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.GroupCommit.Validate();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteJournal>();
        DatabasePath = SqliteStoreFile.ResolvePath(settings.DataDirectory, settings.FileName, StoreName);
        SqliteStoreFile.ReportTornWalTail(DatabasePath, StoreName, logger);
        var connection = SqliteStoreFile.Open(DatabasePath, StoreName, settings.EffectiveBusyTimeout);
        try
        {
            SqliteStoreFile.EnsureSchema(connection, DatabasePath, StoreName, "journal", SqliteJournalStore.CreateSql);
            store = new SqliteJournalStore(DatabasePath, connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        readers = new SqliteReaderPool(DatabasePath, StoreName, settings.EffectiveBusyTimeout, settings.MaxIdleReaders);
        writer = new GroupCommitWriter($"sqlite {DatabasePath}", store, settings.GroupCommit, logger);
    }

    /// <summary>The HOCON plugin constructor: <paramref name="pluginConfig"/> is the plugin's block.</summary>
    public SqliteJournal(Config pluginConfig, ILoggerFactory loggerFactory)
        : this(SqliteJournalSettings.FromConfig(pluginConfig), loggerFactory)
    {
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Committed batches (= fsyncs) and records, for benchmarks and monitoring.</summary>
    public GroupCommitStatistics Statistics => writer.Statistics;

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages) =>
        writer.WriteAsync(messages);

    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<Persistent> recoveryCallback)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        if (max <= 0 || toSequenceNr < fromSequenceNr)
            return Task.CompletedTask;
        return Task.Run(() => Replay(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback));
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return Task.Run(() => WithReader(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT max(h) FROM (
                    SELECT max(sequence_nr) AS h FROM journal WHERE persistence_id = $id
                    UNION ALL
                    SELECT highest_sequence_nr FROM journal_metadata WHERE persistence_id = $id);
                """;
            command.Parameters.AddWithValue("$id", persistenceId);
            return command.ExecuteScalar() is long highest ? highest : 0L;
        }));
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr) => writer.DeleteMessagesToAsync(persistenceId, toSequenceNr);

    public Task TruncateAfterAsync(string persistenceId, long sequenceNr) => writer.TruncateAfterAsync(persistenceId, sequenceNr);

    /// <summary>Finishes queued writes, then closes the connections (which checkpoints the WAL).</summary>
    public ValueTask DisposeAsync()
    {
        writer.Dispose();
        readers.Dispose();
        store.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Replay(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> callback)
    {
        WithReader(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var expected = Math.Max(fromSequenceNr, ReadDeletedTo(connection, transaction, persistenceId) + 1);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = ReplaySql;
            command.Parameters.AddWithValue("$id", persistenceId);
            command.Parameters.AddWithValue("$from", fromSequenceNr);
            command.Parameters.AddWithValue("$to", toSequenceNr);
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            while (ReadNext(reader, persistenceId, expected) is { } record)
            {
                callback(record);
                expected++;
            }
            return 0;
        });
    }

    /// <summary>The next verified record, or null at the end; a damaged row becomes a JournalCorruptedException.</summary>
    private Persistent? ReadNext(SqliteDataReader reader, string persistenceId, long expected)
    {
        try
        {
            return reader.Read() ? ReadRecord(reader, persistenceId, expected) : null;
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException
                                  || e is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is 11 or 26)
        {
            throw new JournalCorruptedException(persistenceId, expected, DatabasePath, $"unreadable record ({e.Message})");
        }
    }

    private Persistent ReadRecord(SqliteDataReader reader, string persistenceId, long expected)
    {
        var sequenceNr = reader.GetInt64(0);
        if (sequenceNr != expected)
            throw new JournalCorruptedException(persistenceId, expected, DatabasePath,
                $"record {expected} is missing (the next stored record is {sequenceNr})");
        var record = new Persistent(persistenceId, sequenceNr, reader.GetString(1),
            reader.GetFieldValue<byte[]>(3), reader.IsDBNull(2) ? null : reader.GetString(2));
        var stored = reader.GetInt64(4);
        var computed = RecordChecksum.Of(record);
        if (stored != computed)
            throw new JournalCorruptedException(persistenceId, sequenceNr, DatabasePath,
                $"checksum mismatch (stored 0x{stored:x8}, computed 0x{computed:x8})");
        return record;
    }

    private static long ReadDeletedTo(SqliteConnection connection, SqliteTransaction transaction, string persistenceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT deleted_to FROM journal_metadata WHERE persistence_id = $id;";
        command.Parameters.AddWithValue("$id", persistenceId);
        return command.ExecuteScalar() is long deletedTo ? deletedTo : 0L;
    }

    private T WithReader<T>(Func<SqliteConnection, T> read)
    {
        var connection = readers.Rent();
        try
        {
            return read(connection);
        }
        catch (SqliteException e)
        {
            throw new IOException($"{StoreName} {DatabasePath}: {SqliteErrors.Describe(e)}", e);
        }
        finally
        {
            readers.Return(connection);
        }
    }
}
