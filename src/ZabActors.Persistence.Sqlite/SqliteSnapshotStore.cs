using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Hocon;
using ZabActors.Persistence.Snapshot;

namespace ZabActors.Persistence.Sqlite;

/// <summary>
/// Snapshot plugin on one SQLite file per node (<c>{data-dir}/snapshots.db</c>). Snapshots are
/// rare and large, so one connection serves every operation in turn.
/// </summary>
/// <remarks>
/// Same durability as the journal (WAL, <c>synchronous=FULL</c>): a save's task completes once
/// committed. Each snapshot carries a CRC-32C; a load whose chosen snapshot fails it throws
/// <see cref="SnapshotCorruptedException"/> naming the id, sequence nr and file. As for the
/// journal, SQLite commits atomically, so only the WAL tail can be torn, and that is logged on open.
/// </remarks>
public sealed class SqliteSnapshotStore : ISnapshotStore
{
    internal const string StoreName = "SQLite snapshot store";

    internal const string CreateSql = """
        CREATE TABLE snapshot (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            timestamp_ticks INTEGER NOT NULL,
            payload BLOB NOT NULL,
            checksum INTEGER NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        );
        """;

    private const string CriteriaSql =
        "persistence_id = $id AND sequence_nr BETWEEN $minNr AND $maxNr AND timestamp_ticks BETWEEN $minTicks AND $maxTicks";

    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);

    public SqliteSnapshotStore(SqliteSnapshotStoreSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteSnapshotStore>();
        DatabasePath = SqliteStoreFile.ResolvePath(settings.DataDirectory, settings.FileName, StoreName);
        SqliteStoreFile.ReportTornWalTail(DatabasePath, StoreName, logger);
        connection = SqliteStoreFile.Open(DatabasePath, StoreName, settings.EffectiveBusyTimeout);
        try
        {
            SqliteStoreFile.EnsureSchema(connection, DatabasePath, StoreName, "snapshot store", CreateSql);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The HOCON plugin constructor: <paramref name="pluginConfig"/> is the plugin's block.</summary>
    public SqliteSnapshotStore(Config pluginConfig, ILoggerFactory loggerFactory)
        : this(SqliteSnapshotStoreSettings.FromConfig(pluginConfig), loggerFactory)
    {
    }

    public string DatabasePath { get; }

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return Run(() =>
        {
            using var command = Command($"""
                SELECT sequence_nr, timestamp_ticks, payload, checksum FROM snapshot WHERE {CriteriaSql}
                ORDER BY sequence_nr DESC, timestamp_ticks DESC LIMIT 1;
                """, persistenceId, criteria);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadSnapshot(reader, persistenceId) : null;
        });
    }

    public Task SaveAsync(SnapshotMetadata metadata, byte[] snapshot)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        var checksum = RecordChecksum.OfSnapshot(metadata.PersistenceId, metadata.SequenceNr, metadata.Timestamp.Ticks, snapshot);
        return Run(() =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO snapshot (persistence_id, sequence_nr, timestamp_ticks, payload, checksum)
                VALUES ($id, $nr, $ticks, $payload, $checksum)
                ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET
                    timestamp_ticks = excluded.timestamp_ticks, payload = excluded.payload, checksum = excluded.checksum;
                """;
            command.Parameters.AddWithValue("$id", metadata.PersistenceId);
            command.Parameters.AddWithValue("$nr", metadata.SequenceNr);
            command.Parameters.AddWithValue("$ticks", metadata.Timestamp.Ticks);
            command.Parameters.AddWithValue("$payload", snapshot);
            command.Parameters.AddWithValue("$checksum", (long)checksum);
            return command.ExecuteNonQuery();
        });
    }

    public Task DeleteAsync(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Run(() =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM snapshot WHERE persistence_id = $id AND sequence_nr = $nr;";
            command.Parameters.AddWithValue("$id", metadata.PersistenceId);
            command.Parameters.AddWithValue("$nr", metadata.SequenceNr);
            return command.ExecuteNonQuery();
        });
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return Run(() =>
        {
            using var command = Command($"DELETE FROM snapshot WHERE {CriteriaSql};", persistenceId, criteria);
            return command.ExecuteNonQuery();
        });
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        connection.Dispose();
    }

    private SelectedSnapshot ReadSnapshot(SqliteDataReader reader, string persistenceId)
    {
        var sequenceNr = reader.GetInt64(0);
        try
        {
            var metadata = new SnapshotMetadata(persistenceId, sequenceNr, new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
            var payload = reader.GetFieldValue<byte[]>(2);
            var stored = reader.GetInt64(3);
            var computed = RecordChecksum.OfSnapshot(persistenceId, sequenceNr, metadata.Timestamp.Ticks, payload);
            if (stored != computed)
                throw new SnapshotCorruptedException(persistenceId, sequenceNr, DatabasePath,
                    $"checksum mismatch (stored 0x{stored:x8}, computed 0x{computed:x8})");
            return new SelectedSnapshot(metadata, payload);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or ArgumentException)
        {
            throw new SnapshotCorruptedException(persistenceId, sequenceNr, DatabasePath, $"unreadable snapshot ({e.Message})");
        }
    }

    private SqliteCommand Command(string sql, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$minNr", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$maxNr", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$minTicks", criteria.MinTimestamp.Ticks);
        command.Parameters.AddWithValue("$maxTicks", criteria.MaxTimestamp.Ticks);
        return command;
    }

    private Task<T> Run<T>(Func<T> operation) => Task.Run(async () =>
    {
        await gate.WaitAsync();
        try
        {
            return operation();
        }
        catch (SqliteException e)
        {
            throw new IOException($"{StoreName} {DatabasePath}: {SqliteErrors.Describe(e)}", e);
        }
        finally
        {
            gate.Release();
        }
    });
}
