using ZabActors.Hocon;

namespace ZabActors.Persistence.Sqlite;

/// <summary>The embedded <c>sqlite.conf</c>: defaults under every SQLite plugin block.</summary>
public static class SqlitePluginDefaults
{
    public const string ResourceName = "ZabActors.Persistence.Sqlite.sqlite.conf";
    public const string JournalPath = "zab.persistence.journal.sqlite";
    public const string SnapshotStorePath = "zab.persistence.snapshot-store.sqlite";

    private static readonly Lazy<Config> Defaults =
        new(() => ConfigurationFactory.FromResource(ResourceName, typeof(SqlitePluginDefaults).Assembly));

    /// <summary>The whole file, for layering under a node's configuration.</summary>
    public static Config Config => Defaults.Value;

    internal static Config Journal => Config.GetConfig(JournalPath);

    internal static Config SnapshotStore => Config.GetConfig(SnapshotStorePath);

    internal static void Require(bool condition, string message)
    {
        if (!condition)
            throw new ConfigException(message);
    }
}
