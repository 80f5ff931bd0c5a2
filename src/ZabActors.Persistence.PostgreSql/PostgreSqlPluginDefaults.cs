using ZabActors.Hocon;

namespace ZabActors.Persistence.PostgreSql;

/// <summary>The embedded <c>postgresql.conf</c>: defaults under every PostgreSQL plugin block.</summary>
public static class PostgreSqlPluginDefaults
{
    public const string ResourceName = "ZabActors.Persistence.PostgreSql.postgresql.conf";
    public const string JournalPath = "zab.persistence.journal.postgresql";
    public const string SnapshotStorePath = "zab.persistence.snapshot-store.postgresql";

    private static readonly PluginDefaults Defaults =
        new(ResourceName, typeof(PostgreSqlPluginDefaults).Assembly, JournalPath, SnapshotStorePath);

    /// <summary>The whole file, for layering under a node's configuration.</summary>
    public static Config Config => Defaults.Config;

    internal static Config Journal => Defaults.Journal;

    internal static Config SnapshotStore => Defaults.SnapshotStore;
}
