using ZabActors.Hocon;

namespace ZabActors.Persistence.PostgreSql;

/// <summary>The embedded <c>postgresql.conf</c>: defaults under every PostgreSQL plugin block.</summary>
public static class PostgreSqlPluginDefaults
{
    public const string ResourceName = "ZabActors.Persistence.PostgreSql.postgresql.conf";
    public const string JournalPath = "zab.persistence.journal.postgresql";
    public const string SnapshotStorePath = "zab.persistence.snapshot-store.postgresql";

    private static readonly Lazy<Config> Defaults =
        new(() => ConfigurationFactory.FromResource(ResourceName, typeof(PostgreSqlPluginDefaults).Assembly));

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
