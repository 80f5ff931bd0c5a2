using ZabActors.Hocon;
using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.Sqlite;

/// <summary>
/// Settings of one SQLite journal, parsed once from its HOCON block
/// (<c>zab.persistence.journal.sqlite</c>): one database file per node under its data dir.
/// </summary>
public sealed record SqliteJournalSettings(
    string DataDirectory,
    string FileName = "journal.db",
    int MaxBatchRecords = 4096,
    int QueueCapacity = 16384,
    TimeSpan? BusyTimeout = null,
    int MaxIdleReaders = 4)
{
    public TimeSpan EffectiveBusyTimeout => BusyTimeout ?? TimeSpan.FromSeconds(5);

    public GroupCommitSettings GroupCommit => new(MaxBatchRecords, QueueCapacity);

    /// <summary>
    /// Reads a SQLite journal block (keys it lacks come from <c>sqlite.conf</c>); a missing,
    /// mistyped or out-of-range value throws <see cref="ConfigException"/> naming the key.
    /// </summary>
    public static SqliteJournalSettings FromConfig(Config pluginConfig)
    {
        ArgumentNullException.ThrowIfNull(pluginConfig);
        var config = pluginConfig.WithFallback(SqlitePluginDefaults.Journal);
        var settings = new SqliteJournalSettings(
            config.GetString("data-dir"),
            config.GetString("file-name"),
            config.GetInt("max-batch-size"),
            config.GetInt("queue-capacity"),
            config.GetTimeSpan("busy-timeout"),
            config.GetInt("max-idle-readers"));
        PluginDefaults.Require(!string.IsNullOrWhiteSpace(settings.DataDirectory), "data-dir must not be empty");
        PluginDefaults.Require(!string.IsNullOrWhiteSpace(settings.FileName), "file-name must not be empty");
        PluginDefaults.Require(settings.MaxBatchRecords >= 1, $"max-batch-size must be at least 1, got {settings.MaxBatchRecords}");
        PluginDefaults.Require(settings.QueueCapacity >= 1, $"queue-capacity must be at least 1, got {settings.QueueCapacity}");
        PluginDefaults.Require(settings.EffectiveBusyTimeout > TimeSpan.Zero, "busy-timeout must be positive");
        PluginDefaults.Require(settings.MaxIdleReaders >= 0, $"max-idle-readers must not be negative, got {settings.MaxIdleReaders}");
        return settings;
    }
}
