using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace ZabActors.Journal;

/// <summary>
/// Prepares the SQLite file of the configured journal and snapshot store when the actor system starts, before the
/// plugin opens it: Akka.Persistence.Sql opens plain Microsoft.Data.Sqlite connections from its connection string,
/// which has no keyword for pragmas, so the file is switched to WAL here (SQLite stores journal_mode in the file).
/// synchronous needs nothing: the bundled e_sqlite3 defaults every connection to FULL, in WAL too.
/// Loaded through <c>akka.extensions</c> in reference.conf; stores other than SQLite are left alone.
/// </summary>
public sealed class SqliteJournalFile : IExtension
{
    public SqliteJournalFile(ExtendedActorSystem system)
    {
        var config = system.Settings.Config;
        var prepared = new List<string>();
        foreach (var path in PluginPaths(config).Distinct().Where(path => IsSqlite(config, path)))
        {
            var connectionString = config.GetString($"{path}.connection-string");
            try
            {
                ZabJournalConfig.PrepareSqlite(connectionString);
                prepared.Add(connectionString);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
            {
                // A file that cannot be opened is the journal's failure to report, with its plugin id and
                // persistence id, when the txn log recovers; failing the whole actor system here would hide it.
                system.Log.Warning("{0}: cannot prepare the SQLite file ({1}); the journal will fail when it opens it", path, e.Message);
            }
        }
        Prepared = prepared;
    }

    /// <summary>The connection strings of the SQLite files this extension switched to WAL.</summary>
    public IReadOnlyList<string> Prepared { get; }

    private static IEnumerable<string> PluginPaths(Config config)
    {
        foreach (var key in new[] { "akka.persistence.journal.plugin", "akka.persistence.snapshot-store.plugin" })
        {
            if (config.GetString(key, null) is { Length: > 0 } path)
            {
                yield return path;
            }
        }
    }

    private static bool IsSqlite(Config config, string path) =>
        config.GetString($"{path}.provider-name", "").Contains("sqlite", StringComparison.OrdinalIgnoreCase)
        && config.GetString($"{path}.connection-string", "").Length > 0;
}

/// <summary>Registers <see cref="SqliteJournalFile"/> as an actor-system extension.</summary>
public sealed class SqliteJournalFileProvider : ExtensionIdProvider<SqliteJournalFile>
{
    public override SqliteJournalFile CreateExtension(ExtendedActorSystem system) => new(system);
}
