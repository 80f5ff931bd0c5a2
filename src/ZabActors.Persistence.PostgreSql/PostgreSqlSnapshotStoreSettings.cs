using ZabActors.Hocon;

namespace ZabActors.Persistence.PostgreSql;

/// <summary>
/// Settings of one PostgreSQL snapshot store, parsed once from its HOCON block
/// (<c>zab.persistence.snapshot-store.postgresql</c>).
/// </summary>
public sealed record PostgreSqlSnapshotStoreSettings(
    string ConnectionString,
    string Schema = "public",
    TimeSpan? CommandTimeout = null)
{
    public TimeSpan EffectiveCommandTimeout => CommandTimeout ?? TimeSpan.FromSeconds(30);

    /// <summary>Reads a PostgreSQL snapshot store block (keys it lacks come from <c>postgresql.conf</c>).</summary>
    public static PostgreSqlSnapshotStoreSettings FromConfig(Config pluginConfig)
    {
        ArgumentNullException.ThrowIfNull(pluginConfig);
        var config = pluginConfig.WithFallback(PostgreSqlPluginDefaults.SnapshotStore);
        var settings = new PostgreSqlSnapshotStoreSettings(
            config.GetString("connection-string"),
            config.GetString("schema"),
            config.GetTimeSpan("command-timeout"));
        PluginDefaults.Require(!string.IsNullOrWhiteSpace(settings.ConnectionString), "connection-string must be set");
        PluginDefaults.Require(!string.IsNullOrWhiteSpace(settings.Schema), "schema must not be empty");
        PluginDefaults.Require(settings.EffectiveCommandTimeout >= TimeSpan.FromSeconds(1), "command-timeout must be at least 1s");
        return settings;
    }
}
