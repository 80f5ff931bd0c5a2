using ZabActors.Hocon;

namespace ZabActors.Persistence.Sqlite;

/// <summary>
/// Settings of one SQLite snapshot store, parsed once from its HOCON block
/// (<c>zab.persistence.snapshot-store.sqlite</c>): one file per node under its data dir.
/// </summary>
public sealed record SqliteSnapshotStoreSettings(
    string DataDirectory,
    string FileName = "snapshots.db",
    TimeSpan? BusyTimeout = null)
{
    public TimeSpan EffectiveBusyTimeout => BusyTimeout ?? TimeSpan.FromSeconds(5);

    /// <summary>Reads a SQLite snapshot store block (keys it lacks come from <c>sqlite.conf</c>).</summary>
    public static SqliteSnapshotStoreSettings FromConfig(Config pluginConfig)
    {
        ArgumentNullException.ThrowIfNull(pluginConfig);
        var config = pluginConfig.WithFallback(SqlitePluginDefaults.SnapshotStore);
        var settings = new SqliteSnapshotStoreSettings(
            config.GetString("data-dir"),
            config.GetString("file-name"),
            config.GetTimeSpan("busy-timeout"));
        PluginDefaults.Require(!string.IsNullOrWhiteSpace(settings.DataDirectory), "data-dir must not be empty");
        PluginDefaults.Require(!string.IsNullOrWhiteSpace(settings.FileName), "file-name must not be empty");
        PluginDefaults.Require(settings.EffectiveBusyTimeout > TimeSpan.Zero, "busy-timeout must be positive");
        return settings;
    }
}
