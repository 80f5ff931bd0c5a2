using ZabActors.Hocon;
using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.PostgreSql;

/// <summary>
/// Settings of one PostgreSQL journal, parsed once from its HOCON block
/// (<c>zab.persistence.journal.postgresql</c>). Several nodes may share one database and schema;
/// their records are kept apart by persistence id.
/// </summary>
public sealed record PostgreSqlJournalSettings(
    string ConnectionString,
    string Schema = "public",
    int MaxBatchRecords = 4096,
    int QueueCapacity = 16384,
    TimeSpan? CommandTimeout = null)
{
    public TimeSpan EffectiveCommandTimeout => CommandTimeout ?? TimeSpan.FromSeconds(30);

    public GroupCommitSettings GroupCommit => new(MaxBatchRecords, QueueCapacity);

    /// <summary>
    /// Reads a PostgreSQL journal block (keys it lacks come from <c>postgresql.conf</c>); a missing,
    /// mistyped or out-of-range value throws <see cref="ConfigException"/> naming the key.
    /// </summary>
    public static PostgreSqlJournalSettings FromConfig(Config pluginConfig)
    {
        ArgumentNullException.ThrowIfNull(pluginConfig);
        var config = pluginConfig.WithFallback(PostgreSqlPluginDefaults.Journal);
        var settings = new PostgreSqlJournalSettings(
            config.GetString("connection-string"),
            config.GetString("schema"),
            config.GetInt("max-batch-size"),
            config.GetInt("queue-capacity"),
            config.GetTimeSpan("command-timeout"));
        PluginDefaults.Require(!string.IsNullOrWhiteSpace(settings.ConnectionString), "connection-string must be set");
        PluginDefaults.Require(!string.IsNullOrWhiteSpace(settings.Schema), "schema must not be empty");
        PluginDefaults.Require(settings.MaxBatchRecords >= 1, $"max-batch-size must be at least 1, got {settings.MaxBatchRecords}");
        PluginDefaults.Require(settings.QueueCapacity >= 1, $"queue-capacity must be at least 1, got {settings.QueueCapacity}");
        PluginDefaults.Require(settings.EffectiveCommandTimeout >= TimeSpan.FromSeconds(1), "command-timeout must be at least 1s");
        return settings;
    }
}
