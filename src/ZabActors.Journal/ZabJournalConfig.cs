using System.Reflection;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace ZabActors.Journal;

/// <summary>
/// The HOCON of this module: the embedded reference.conf (serializer binding, plugin choice, <c>zab.journal</c>
/// defaults) and the connection settings of the two supported stores, SQLite and PostgreSQL.
/// </summary>
public static class ZabJournalConfig
{
    public const string JournalPath = "akka.persistence.journal.sql";
    public const string SnapshotStorePath = "akka.persistence.snapshot-store.sql";
    public const string SqliteProvider = "SQLite.MS";
    public const string PostgreSqlProvider = "PostgreSQL.15";

    /// <summary>The embedded reference.conf, over Akka.Persistence.Sql's defaults (its plugin classes and table mappings).</summary>
    public static Config Reference { get; } = LoadReference();

    /// <summary>
    /// <paramref name="config"/> completed with the plugin settings of the store it chooses under <c>zab.journal</c>
    /// (<c>store = sqlite</c> with <c>sqlite.path</c>, or <c>store = postgresql</c> with
    /// <c>postgresql.connection-string</c>); plugin keys set in <paramref name="config"/> itself win.
    /// </summary>
    public static Config Create(Config config)
    {
        var merged = config.WithFallback(Reference);
        var store = merged.GetString("zab.journal.store");
        var storeConfig = store switch
        {
            "sqlite" => Sqlite(merged.GetString("zab.journal.sqlite.path")),
            "postgresql" when merged.GetString("zab.journal.postgresql.connection-string") is { Length: > 0 } connectionString =>
                PostgreSql(connectionString),
            "postgresql" => throw new ConfigurationException("zab.journal.store = postgresql needs zab.journal.postgresql.connection-string"),
            _ => throw new ConfigurationException($"zab.journal.store must be sqlite or postgresql, not '{store}'"),
        };
        return config.WithFallback(storeConfig);
    }

    /// <summary>
    /// The journal and snapshot store in the SQLite file at <paramref name="path"/>. <see cref="SqliteJournalFile"/>
    /// creates its directory and switches it to WAL when the actor system starts.
    /// </summary>
    public static Config Sqlite(string path) => Store(SqliteProvider, SqliteConnectionString(path));

    /// <summary>The journal and snapshot store in the PostgreSQL database of <paramref name="connectionString"/> (Npgsql keywords).</summary>
    public static Config PostgreSql(string connectionString) => Store(PostgreSqlProvider, connectionString);

    /// <summary>The connection string the plugin opens the SQLite file with.</summary>
    public static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();

    /// <summary>
    /// Creates the file's directory and switches the file to WAL (stored in the file, so every later connection
    /// runs in WAL); fails when SQLite refuses (e.g. a file system without shared memory).
    /// </summary>
    public static void PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite journal {builder.DataSource}: journal_mode stayed '{mode}', WAL refused");
        }
    }

    private static Config Store(string provider, string connectionString)
    {
        var quotedProvider = Quote(provider);
        var quotedConnection = Quote(connectionString);
        var hocon = $$"""
            {{JournalPath}} {
              provider-name = {{quotedProvider}}
              connection-string = {{quotedConnection}}
            }
            {{SnapshotStorePath}} {
              provider-name = {{quotedProvider}}
              connection-string = {{quotedConnection}}
            }
            """;
        return ConfigurationFactory.ParseString(hocon).WithFallback(Reference);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static Config LoadReference()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ZabActors.Journal.reference.conf")
            ?? throw new InvalidOperationException("ZabActors.Journal.reference.conf is not embedded");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd()).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }
}
