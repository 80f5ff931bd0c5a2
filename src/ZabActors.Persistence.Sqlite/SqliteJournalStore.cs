using Microsoft.Data.Sqlite;
using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.Sqlite;

/// <summary>
/// The write side of the SQLite journal: one connection with prepared statements, driven by the
/// group-commit writer thread only. One batch is one <c>BEGIN IMMEDIATE .. COMMIT</c>, hence one
/// WAL fsync however many appenders it serves.
/// </summary>
internal sealed class SqliteJournalStore : IGroupCommitStore, IDisposable
{
    // Rows live in append order (the rowid "ordering") with a unique index by (id, nr): a batch
    // then dirties the table's last pages plus one small index page per id, instead of one full
    // table page per id when the table itself is clustered by id; that halves the pages each
    // commit writes to the WAL when many ids append at once.
    public const string CreateSql = """
        CREATE TABLE journal (
            ordering INTEGER PRIMARY KEY,
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            writer_guid TEXT,
            payload BLOB NOT NULL,
            checksum INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX journal_by_id ON journal (persistence_id, sequence_nr);
        CREATE TABLE journal_metadata (
            persistence_id TEXT NOT NULL PRIMARY KEY,
            highest_sequence_nr INTEGER NOT NULL,
            deleted_to INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    private const string ReadHighestSql = """
        SELECT max(h) FROM (
            SELECT max(sequence_nr) AS h FROM journal WHERE persistence_id = $id
            UNION ALL
            SELECT highest_sequence_nr FROM journal_metadata WHERE persistence_id = $id);
        """;

    private readonly string path;
    private readonly SqliteConnection connection;
    private readonly SqliteCommand begin;
    private readonly SqliteCommand commit;
    private readonly SqliteCommand rollback;
    private readonly SqliteCommand insert;
    private readonly SqliteParameter insertId;
    private readonly SqliteParameter insertSequenceNr;
    private readonly SqliteParameter insertManifest;
    private readonly SqliteParameter insertWriterGuid;
    private readonly SqliteParameter insertPayload;
    private readonly SqliteParameter insertChecksum;
    private readonly SqliteCommand readHighest;

    public SqliteJournalStore(string path, SqliteConnection connection)
    {
        this.path = path;
        this.connection = connection;
        begin = Prepare("BEGIN IMMEDIATE;");
        commit = Prepare("COMMIT;");
        rollback = Prepare("ROLLBACK;");
        insert = Prepare("""
            INSERT INTO journal (persistence_id, sequence_nr, manifest, writer_guid, payload, checksum)
            VALUES ($id, $nr, $manifest, $guid, $payload, $checksum);
            """,
            ("$id", SqliteType.Text), ("$nr", SqliteType.Integer), ("$manifest", SqliteType.Text),
            ("$guid", SqliteType.Text), ("$payload", SqliteType.Blob), ("$checksum", SqliteType.Integer));
        insertId = insert.Parameters[0];
        insertSequenceNr = insert.Parameters[1];
        insertManifest = insert.Parameters[2];
        insertWriterGuid = insert.Parameters[3];
        insertPayload = insert.Parameters[4];
        insertChecksum = insert.Parameters[5];
        readHighest = Prepare(ReadHighestSql, ("$id", SqliteType.Text));
    }

    public long ReadHighestSequenceNr(string persistenceId)
    {
        readHighest.Parameters[0].Value = persistenceId;
        return Run(() => readHighest.ExecuteScalar() is long highest ? highest : 0L);
    }

    public void CommitBatch(IReadOnlyList<AtomicWrite> writes)
    {
        InTransaction(() =>
        {
            foreach (var write in writes)
                foreach (var record in write.Payload)
                {
                    insertId.Value = record.PersistenceId;
                    insertSequenceNr.Value = record.SequenceNr;
                    insertManifest.Value = record.Manifest;
                    insertWriterGuid.Value = (object?)record.WriterGuid ?? DBNull.Value;
                    insertPayload.Value = record.Payload;
                    insertChecksum.Value = (long)RecordChecksum.Of(record);
                    insert.ExecuteNonQuery();
                }
        });
    }

    public void DeleteMessagesTo(string persistenceId, long toSequenceNr, long highestSequenceNr)
    {
        InTransaction(() =>
        {
            Execute("DELETE FROM journal WHERE persistence_id = $id AND sequence_nr <= $nr;",
                ("$id", persistenceId), ("$nr", toSequenceNr));
            Execute("""
                INSERT INTO journal_metadata (persistence_id, highest_sequence_nr, deleted_to)
                VALUES ($id, $highest, $deleted)
                ON CONFLICT (persistence_id) DO UPDATE SET
                    highest_sequence_nr = max(highest_sequence_nr, excluded.highest_sequence_nr),
                    deleted_to = max(deleted_to, excluded.deleted_to);
                """,
                ("$id", persistenceId), ("$highest", highestSequenceNr), ("$deleted", Math.Min(toSequenceNr, highestSequenceNr)));
        });
    }

    public void TruncateAfter(string persistenceId, long sequenceNr)
    {
        InTransaction(() =>
        {
            Execute("DELETE FROM journal WHERE persistence_id = $id AND sequence_nr > $nr;",
                ("$id", persistenceId), ("$nr", sequenceNr));
            Execute("""
                UPDATE journal_metadata
                SET highest_sequence_nr = min(highest_sequence_nr, $nr), deleted_to = min(deleted_to, $nr)
                WHERE persistence_id = $id;
                """,
                ("$id", persistenceId), ("$nr", sequenceNr));
        });
    }

    public void Dispose()
    {
        foreach (var command in new[] { begin, commit, rollback, insert, readHighest })
            command.Dispose();
        connection.Dispose();
    }

    private void InTransaction(Action body)
    {
        Run(() =>
        {
            begin.ExecuteNonQuery();
            try
            {
                body();
                commit.ExecuteNonQuery();
            }
            catch
            {
                // A failed COMMIT may already have ended the transaction; ROLLBACK then has nothing to undo.
                if (!connection.Handle!.IsInvalid && !IsAutocommit())
                    rollback.ExecuteNonQuery();
                throw;
            }
            return 0;
        });
    }

    private bool IsAutocommit() => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0;

    private T Run<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SqliteException e)
        {
            throw new IOException($"SQLite journal {path}: {SqliteErrors.Describe(e)}", e);
        }
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
            command.Parameters.Add(name, type);
        command.Prepare();
        return command;
    }
}
