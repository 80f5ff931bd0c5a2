using ZabActors.Hocon;

namespace ZabActors.Persistence.Sqlite;

/// <summary>The embedded <c>sqlite.conf</c>: defaults under every SQLite plugin block.</summary>
public static class SqlitePluginDefaults
{
    public const string ResourceName = "ZabActors.Persistence.Sqlite.sqlite.conf";
    public const string JournalPath = "zab.persistence.journal.sqlite";
    public const string SnapshotStorePath = "zab.persistence.snapshot-store.sqlite";

    private static readonly PluginDefaults Defaults =
        new(ResourceName, typeof(SqlitePluginDefaults).Assembly, JournalPath, SnapshotStorePath);

    /// <summary>The whole file, for layering under a node's configuration.</summary>
    public static Config Config => Defaults.Config;

    internal static Config Journal => Defaults.Journal;

    internal static Config SnapshotStore => Defaults.SnapshotStore;
}
