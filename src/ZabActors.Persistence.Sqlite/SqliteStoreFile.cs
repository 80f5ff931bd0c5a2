using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ZabActors.Persistence.Sqlite;

/// <summary>
/// Opens the SQLite file of one store (journal or snapshot store) with the durability settings
/// every store needs, and checks or creates its schema. Every failure becomes a
/// <see cref="StoreOpenException"/> naming the file and the cause.
/// </summary>
/// <remarks>
/// WAL mode with <c>synchronous=FULL</c>: a commit returns only after its WAL frames are
/// fsynced, so a completed write survives power loss. Connections are not pooled; the stores own
/// their connections, and closing the last one checkpoints the WAL into the database file.
/// </remarks>
internal static class SqliteStoreFile
{
    public const int SchemaVersion = 1;

    public static string ResolvePath(string dataDirectory, string fileName, string store)
    {
        if (string.IsNullOrWhiteSpace(fileName))
            throw new StoreOpenException(store, $"data-dir '{dataDirectory}'", "file-name is empty");
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? "." : dataDirectory);
        var path = Path.Combine(directory, fileName);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreOpenException(store, path, $"cannot create data directory '{directory}': {e.Message}", e);
        }
        if (Directory.Exists(path))
            throw new StoreOpenException(store, path, "the path is a directory, not a database file");
        return path;
    }

    /// <summary>Opens a connection on <paramref name="path"/> in WAL mode with synchronous=FULL.</summary>
    public static SqliteConnection Open(string path, string store, TimeSpan busyTimeout)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)busyTimeout.TotalSeconds),
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};");
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL;") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new StoreOpenException(store, path, $"cannot switch to WAL mode (journal_mode is '{mode}')");
            Execute(connection, "PRAGMA synchronous = FULL;");
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreOpenException(store, path, SqliteErrors.Describe(e), e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates the store's tables in a fresh file, or checks that an existing file holds this
    /// store kind at this schema version.
    /// </summary>
    public static void EnsureSchema(SqliteConnection connection, string path, string store, string kind, string createSql)
    {
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            if (TableExists(connection, transaction, "zab_schema_version"))
                CheckSchema(connection, transaction, path, store, kind);
            else
                CreateSchema(connection, transaction, path, store, kind, createSql);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw new StoreOpenException(store, path, SqliteErrors.Describe(e), e);
        }
    }

    /// <summary>Logs when the WAL ends in a torn, never-acknowledged transaction that SQLite will drop.</summary>
    public static void ReportTornWalTail(string path, string store, ILogger logger)
    {
        SqliteWalInspector.TornTail? tail;
        try
        {
            tail = SqliteWalInspector.Inspect(path + "-wal");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreOpenException(store, path, $"cannot read the write-ahead log: {e.Message}", e);
        }
        if (tail is { } torn)
            logger.LogWarning(
                "{Store} {Path}: dropping a torn WAL tail of {Bytes} byte(s) after the last commit ({Reason}); it was never acknowledged",
                store, path, torn.Bytes, torn.Reason);
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }

    private static void CheckSchema(SqliteConnection connection, SqliteTransaction transaction, string path, string store, string kind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT store, version FROM zab_schema_version;";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            throw new StoreOpenException(store, path, "the zab_schema_version table is empty");
        var foundKind = reader.GetString(0);
        var version = reader.GetInt64(1);
        if (foundKind != kind)
            throw new StoreOpenException(store, path, $"the file holds a ZabActors {foundKind}, not a {kind}");
        if (version != SchemaVersion)
            throw new StoreOpenException(store, path,
                $"schema version {version} found, this build reads schema version {SchemaVersion}");
    }

    private static void CreateSchema(SqliteConnection connection, SqliteTransaction transaction, string path, string store,
        string kind, string createSql)
    {
        var foreign = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                foreign.Add(reader.GetString(0));
        }
        if (foreign.Count > 0)
            throw new StoreOpenException(store, path,
                $"the database has no zab_schema_version table, so it is not a ZabActors store (tables: {string.Join(", ", foreign)})");
        Execute(connection, createSql, transaction);
        Execute(connection, "CREATE TABLE zab_schema_version (store TEXT NOT NULL, version INTEGER NOT NULL);", transaction);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO zab_schema_version (store, version) VALUES ($store, $version);";
        insert.Parameters.AddWithValue("$store", kind);
        insert.Parameters.AddWithValue("$version", SchemaVersion);
        insert.ExecuteNonQuery();
    }
}
