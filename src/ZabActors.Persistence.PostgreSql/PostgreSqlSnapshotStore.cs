using Npgsql;
using ZabActors.Hocon;
using ZabActors.Persistence.Snapshot;

namespace ZabActors.Persistence.PostgreSql;

/// <summary>
/// Snapshot plugin on a PostgreSQL database: it owns the <c>zab_snapshot</c> table of its schema
/// (created on start). Connections come from a pool; each operation is one statement, committed
/// with <c>synchronous_commit=on</c>.
/// </summary>
/// <remarks>
/// Each snapshot carries a CRC-32C; a load whose chosen snapshot fails it throws
/// <see cref="SnapshotCorruptedException"/> naming the id, the sequence nr and the table.
/// </remarks>
public sealed class PostgreSqlSnapshotStore : ISnapshotStore
{
    internal const string StoreName = "PostgreSQL snapshot store";

    private const string CriteriaSql =
        "persistence_id = @id AND sequence_nr BETWEEN @minNr AND @maxNr AND timestamp_ticks BETWEEN @minTicks AND @maxTicks";

    private readonly NpgsqlDataSource dataSource;
    private readonly string table;

    public PostgreSqlSnapshotStore(PostgreSqlSnapshotStoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        dataSource = PostgreSqlConnections.CreateDataSource(settings.ConnectionString, settings.Schema, StoreName,
            settings.EffectiveCommandTimeout, out var location);
        Location = location;
        table = PostgreSqlConnections.Table(settings.Schema, "zab_snapshot");
        TableName = $"table {table} at {location}";
        try
        {
            PostgreSqlSchema.Ensure(dataSource, settings.Schema, "snapshot store", $"""
                CREATE TABLE {table} (
                    persistence_id text NOT NULL,
                    sequence_nr bigint NOT NULL,
                    timestamp_ticks bigint NOT NULL,
                    payload bytea NOT NULL,
                    checksum bigint NOT NULL,
                    PRIMARY KEY (persistence_id, sequence_nr));
                """, StoreName, location);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    /// <summary>The HOCON plugin constructor: <paramref name="pluginConfig"/> is the plugin's block.</summary>
    public PostgreSqlSnapshotStore(Config pluginConfig)
        : this(PostgreSqlSnapshotStoreSettings.FromConfig(pluginConfig))
    {
    }

    public string Location { get; }

    public string TableName { get; }

    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await using var command = Command($"""
            SELECT sequence_nr, timestamp_ticks, payload, checksum FROM {table} WHERE {CriteriaSql}
            ORDER BY sequence_nr DESC, timestamp_ticks DESC LIMIT 1;
            """, persistenceId, criteria);
        return await Run(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? ReadSnapshot(reader, persistenceId) : null;
        });
    }

    public async Task SaveAsync(SnapshotMetadata metadata, byte[] snapshot)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        var checksum = RecordChecksum.OfSnapshot(metadata.PersistenceId, metadata.SequenceNr, metadata.Timestamp.Ticks, snapshot);
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {table} (persistence_id, sequence_nr, timestamp_ticks, payload, checksum)
            VALUES (@id, @nr, @ticks, @payload, @checksum)
            ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET
                timestamp_ticks = excluded.timestamp_ticks, payload = excluded.payload, checksum = excluded.checksum;
            """);
        command.Parameters.AddWithValue("id", metadata.PersistenceId);
        command.Parameters.AddWithValue("nr", metadata.SequenceNr);
        command.Parameters.AddWithValue("ticks", metadata.Timestamp.Ticks);
        command.Parameters.AddWithValue("payload", snapshot);
        command.Parameters.AddWithValue("checksum", (long)checksum);
        await Run(command.ExecuteNonQueryAsync);
    }

    public async Task DeleteAsync(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await using var command = dataSource.CreateCommand($"DELETE FROM {table} WHERE persistence_id = @id AND sequence_nr = @nr;");
        command.Parameters.AddWithValue("id", metadata.PersistenceId);
        command.Parameters.AddWithValue("nr", metadata.SequenceNr);
        await Run(command.ExecuteNonQueryAsync);
    }

    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await using var command = Command($"DELETE FROM {table} WHERE {CriteriaSql};", persistenceId, criteria);
        await Run(command.ExecuteNonQueryAsync);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private SelectedSnapshot ReadSnapshot(NpgsqlDataReader reader, string persistenceId)
    {
        var sequenceNr = reader.GetInt64(0);
        var metadata = new SnapshotMetadata(persistenceId, sequenceNr, new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
        var payload = reader.GetFieldValue<byte[]>(2);
        var stored = reader.GetInt64(3);
        var computed = RecordChecksum.OfSnapshot(persistenceId, sequenceNr, metadata.Timestamp.Ticks, payload);
        if (stored != computed)
            throw new SnapshotCorruptedException(persistenceId, sequenceNr, TableName,
                $"checksum mismatch (stored 0x{stored:x8}, computed 0x{computed:x8})");
        return new SelectedSnapshot(metadata, payload);
    }

    private NpgsqlCommand Command(string sql, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", persistenceId);
        command.Parameters.AddWithValue("minNr", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("maxNr", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("minTicks", criteria.MinTimestamp.Ticks);
        command.Parameters.AddWithValue("maxTicks", criteria.MaxTimestamp.Ticks);
        return command;
    }

    private async Task<T> Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (NpgsqlException e)
        {
            throw new IOException($"{StoreName} {Location}: {e.Message}", e);
        }
    }
}
