using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ZabActors.Hocon;
using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.PostgreSql;

/// <summary>
/// Journal plugin on a PostgreSQL database: it owns the <c>zab_journal</c> and
/// <c>zab_journal_metadata</c> tables of its schema (created on start) and a group-commit writer
/// that turns concurrent appends into one transaction per WAL flush. Several nodes may share the
/// database; each writes only its own persistence ids.
/// </summary>
/// <remarks>
/// <para>Durability: every connection runs with <c>synchronous_commit=on</c>, so COMMIT returns
/// after the server flushed its WAL; a write's task completes after that COMMIT.</para>
/// <para>Integrity: each row carries a CRC-32C (<see cref="RecordChecksum"/>); replay verifies
/// rows and checks the sequence has no holes, and stops with a
/// <see cref="JournalCorruptedException"/> naming the id, the sequence nr and the table.</para>
/// <para>Torn writes: PostgreSQL's own WAL (CRC per record, full-page writes) makes a commit
/// atomic, so there is no torn tail at this level: a transaction that did not commit is invisible
/// and was never acknowledged. A row that fails its checksum is corruption, never a torn write.</para>
/// </remarks>
public sealed class PostgreSqlJournal : IAsyncWriteJournal
{
    internal const string StoreName = "PostgreSQL journal";

    private readonly NpgsqlDataSource dataSource;
    private readonly PostgreSqlJournalStore store;
    private readonly GroupCommitWriter writer;
    private readonly string replaySql;
    private readonly string deletedToSql;
    private readonly string readHighestSql;

    public PostgreSqlJournal(PostgreSqlJournalSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.GroupCommit.Validate();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PostgreSqlJournal>();
        dataSource = PostgreSqlConnections.CreateDataSource(settings.ConnectionString, settings.Schema, StoreName,
            settings.EffectiveCommandTimeout, out var location);
        Location = location;
        TableName = $"table {PostgreSqlConnections.Table(settings.Schema, "zab_journal")} at {location}";
        try
        {
            PostgreSqlSchema.Ensure(dataSource, settings.Schema, "journal", PostgreSqlJournalStore.CreateSql(settings.Schema),
                StoreName, location);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
        var journal = PostgreSqlConnections.Table(settings.Schema, "zab_journal");
        replaySql = $"""
            SELECT sequence_nr, manifest, writer_guid, payload, checksum FROM {journal}
            WHERE persistence_id = @id AND sequence_nr >= @from AND sequence_nr <= @to
            ORDER BY sequence_nr LIMIT @max;
            """;
        deletedToSql = $"SELECT deleted_to FROM {PostgreSqlConnections.Table(settings.Schema, "zab_journal_metadata")} WHERE persistence_id = @id;";
        readHighestSql = PostgreSqlJournalStore.ReadHighestSql(settings.Schema);
        store = new PostgreSqlJournalStore(dataSource, settings.Schema, location);
        writer = new GroupCommitWriter($"postgresql {location}", store, settings.GroupCommit, logger);
    }

    /// <summary>The HOCON plugin constructor: <paramref name="pluginConfig"/> is the plugin's block.</summary>
    public PostgreSqlJournal(Config pluginConfig, ILoggerFactory loggerFactory)
        : this(PostgreSqlJournalSettings.FromConfig(pluginConfig), loggerFactory)
    {
    }

    /// <summary>Server, database and schema (never the password).</summary>
    public string Location { get; }

    /// <summary>How corruption reports name the journal table.</summary>
    public string TableName { get; }

    /// <summary>Committed batches (= WAL flushes) and records, for benchmarks and monitoring.</summary>
    public GroupCommitStatistics Statistics => writer.Statistics;

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages) =>
        writer.WriteAsync(messages);

    public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<Persistent> recoveryCallback)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        if (max <= 0 || toSequenceNr < fromSequenceNr)
            return;
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        long deletedTo;
        await using (var command = new NpgsqlCommand(deletedToSql, connection, transaction))
        {
            command.Parameters.AddWithValue("id", persistenceId);
            deletedTo = await command.ExecuteScalarAsync() is long d ? d : 0L;
        }
        var expected = Math.Max(fromSequenceNr, deletedTo + 1);
        await using var replay = new NpgsqlCommand(replaySql, connection, transaction);
        replay.Parameters.AddWithValue("id", persistenceId);
        replay.Parameters.AddWithValue("from", fromSequenceNr);
        replay.Parameters.AddWithValue("to", toSequenceNr);
        replay.Parameters.AddWithValue("max", max);
        await using var reader = await replay.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            recoveryCallback(ReadRecord(reader, persistenceId, expected));
            expected++;
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(readHighestSql, connection);
        command.Parameters.AddWithValue("id", persistenceId);
        return await command.ExecuteScalarAsync() is long highest ? highest : 0L;
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr) => writer.DeleteMessagesToAsync(persistenceId, toSequenceNr);

    public Task TruncateAfterAsync(string persistenceId, long sequenceNr) => writer.TruncateAfterAsync(persistenceId, sequenceNr);

    /// <summary>Finishes queued writes, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        writer.Dispose();
        store.Dispose();
        await dataSource.DisposeAsync();
    }

    private Persistent ReadRecord(NpgsqlDataReader reader, string persistenceId, long expected)
    {
        var sequenceNr = reader.GetInt64(0);
        if (sequenceNr != expected)
            throw new JournalCorruptedException(persistenceId, expected, TableName,
                $"record {expected} is missing (the next stored record is {sequenceNr})");
        var record = new Persistent(persistenceId, sequenceNr, reader.GetString(1), reader.GetFieldValue<byte[]>(3),
            reader.IsDBNull(2) ? null : reader.GetString(2));
        var stored = reader.GetInt64(4);
        var computed = RecordChecksum.Of(record);
        if (stored != computed)
            throw new JournalCorruptedException(persistenceId, sequenceNr, TableName,
                $"checksum mismatch (stored 0x{stored:x8}, computed 0x{computed:x8})");
        return record;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        try
        {
            return await dataSource.OpenConnectionAsync();
        }
        catch (NpgsqlException e)
        {
            throw new IOException($"{StoreName} {Location}: {e.Message}", e);
        }
    }
}
