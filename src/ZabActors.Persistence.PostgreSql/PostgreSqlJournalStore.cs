using Npgsql;
using NpgsqlTypes;
using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.PostgreSql;

/// <summary>
/// The write side of the PostgreSQL journal: one dedicated connection driven by the group-commit
/// writer thread. A batch is one transaction holding one multi-row INSERT (arrays unnested
/// server-side), so the whole batch costs two round trips and one WAL flush.
/// </summary>
/// <remarks>
/// A broken connection fails the batch in flight; the next batch opens a fresh connection.
/// </remarks>
internal sealed class PostgreSqlJournalStore : IGroupCommitStore, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string journal;
    private readonly string metadata;
    private readonly string location;
    private readonly string readHighestSql;
    private NpgsqlConnection? connection;
    private NpgsqlCommand? insert;

    public PostgreSqlJournalStore(NpgsqlDataSource dataSource, string schema, string location)
    {
        this.dataSource = dataSource;
        this.location = location;
        journal = PostgreSqlConnections.Table(schema, "zab_journal");
        metadata = PostgreSqlConnections.Table(schema, "zab_journal_metadata");
        readHighestSql = ReadHighestSql(schema);
    }

    public static string CreateSql(string schema) => $"""
        CREATE TABLE {PostgreSqlConnections.Table(schema, "zab_journal")} (
            persistence_id text NOT NULL,
            sequence_nr bigint NOT NULL,
            manifest text NOT NULL,
            writer_guid text,
            payload bytea NOT NULL,
            checksum bigint NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr));
        CREATE TABLE {PostgreSqlConnections.Table(schema, "zab_journal_metadata")} (
            persistence_id text PRIMARY KEY,
            highest_sequence_nr bigint NOT NULL,
            deleted_to bigint NOT NULL);
        """;

    public static string ReadHighestSql(string schema) => $"""
        SELECT greatest(
            (SELECT max(sequence_nr) FROM {PostgreSqlConnections.Table(schema, "zab_journal")} WHERE persistence_id = @id),
            (SELECT highest_sequence_nr FROM {PostgreSqlConnections.Table(schema, "zab_journal_metadata")} WHERE persistence_id = @id));
        """;

    public long ReadHighestSequenceNr(string persistenceId)
    {
        return Run(connection =>
        {
            using var command = new NpgsqlCommand(readHighestSql, connection);
            command.Parameters.AddWithValue("id", persistenceId);
            return command.ExecuteScalar() is long highest ? highest : 0L;
        });
    }

    public void CommitBatch(IReadOnlyList<AtomicWrite> writes)
    {
        var count = writes.Sum(w => w.Count);
        var ids = new string[count];
        var sequenceNrs = new long[count];
        var manifests = new string[count];
        var writerGuids = new string?[count];
        var payloads = new byte[count][];
        var checksums = new long[count];
        var row = 0;
        foreach (var write in writes)
            foreach (var record in write.Payload)
            {
                ids[row] = record.PersistenceId;
                sequenceNrs[row] = record.SequenceNr;
                manifests[row] = record.Manifest;
                writerGuids[row] = record.WriterGuid;
                payloads[row] = record.Payload;
                checksums[row] = RecordChecksum.Of(record);
                row++;
            }
        Run(connection =>
        {
            var command = PreparedInsert(connection);
            command.Parameters[0].Value = ids;
            command.Parameters[1].Value = sequenceNrs;
            command.Parameters[2].Value = manifests;
            command.Parameters[3].Value = writerGuids;
            command.Parameters[4].Value = payloads;
            command.Parameters[5].Value = checksums;
            using var transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            command.ExecuteNonQuery();
            transaction.Commit();
            return 0;
        });
    }

    public void DeleteMessagesTo(string persistenceId, long toSequenceNr, long highestSequenceNr)
    {
        InTransaction($"""
            DELETE FROM {journal} WHERE persistence_id = @id AND sequence_nr <= @nr;
            INSERT INTO {metadata} (persistence_id, highest_sequence_nr, deleted_to) VALUES (@id, @highest, @deleted)
            ON CONFLICT (persistence_id) DO UPDATE SET
                highest_sequence_nr = greatest({metadata}.highest_sequence_nr, excluded.highest_sequence_nr),
                deleted_to = greatest({metadata}.deleted_to, excluded.deleted_to);
            """,
            ("id", persistenceId), ("nr", toSequenceNr), ("highest", highestSequenceNr),
            ("deleted", Math.Min(toSequenceNr, highestSequenceNr)));
    }

    public void TruncateAfter(string persistenceId, long sequenceNr)
    {
        InTransaction($"""
            DELETE FROM {journal} WHERE persistence_id = @id AND sequence_nr > @nr;
            UPDATE {metadata} SET highest_sequence_nr = least(highest_sequence_nr, @nr), deleted_to = least(deleted_to, @nr)
            WHERE persistence_id = @id;
            """,
            ("id", persistenceId), ("nr", sequenceNr));
    }

    public void Dispose() => DropConnection();

    private void InTransaction(string sql, params (string Name, object Value)[] parameters)
    {
        Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var command = new NpgsqlCommand(sql, connection, transaction);
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value);
            command.ExecuteNonQuery();
            transaction.Commit();
            return 0;
        });
    }

    private NpgsqlCommand PreparedInsert(NpgsqlConnection open)
    {
        if (insert is not null)
            return insert;
        insert = new NpgsqlCommand($"""
            INSERT INTO {journal} (persistence_id, sequence_nr, manifest, writer_guid, payload, checksum)
            SELECT * FROM unnest(@ids, @nrs, @manifests, @guids, @payloads, @checksums);
            """, open);
        insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text));
        insert.Parameters.Add(new NpgsqlParameter("nrs", NpgsqlDbType.Array | NpgsqlDbType.Bigint));
        insert.Parameters.Add(new NpgsqlParameter("manifests", NpgsqlDbType.Array | NpgsqlDbType.Text));
        insert.Parameters.Add(new NpgsqlParameter("guids", NpgsqlDbType.Array | NpgsqlDbType.Text));
        insert.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea));
        insert.Parameters.Add(new NpgsqlParameter("checksums", NpgsqlDbType.Array | NpgsqlDbType.Bigint));
        insert.Prepare();
        return insert;
    }

    private T Run<T>(Func<NpgsqlConnection, T> operation)
    {
        try
        {
            connection ??= dataSource.OpenConnection();
            return operation(connection);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The connection may be broken or mid-transaction; start the next operation on a fresh one.
            DropConnection();
            throw new IOException($"PostgreSQL journal {location}: {e.Message}", e);
        }
    }

    private void DropConnection()
    {
        insert?.Dispose();
        insert = null;
        connection?.Dispose();
        connection = null;
    }
}
