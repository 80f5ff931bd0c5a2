using Akka.Configuration;

namespace ZabActors.Journal;

/// <summary>
/// The <see cref="TxnLogActor"/>'s settings, read once from <c>zab.journal</c> (defaults in reference.conf).
/// </summary>
/// <param name="PersistenceIdPrefix">the persistence id is <c>{prefix}-{serverId}</c>.</param>
/// <param name="SnapshotRetainCount">how many snapshots retention keeps (ZooKeeper's autopurge.snapRetainCount); at least 1.</param>
/// <param name="MaxAppendBatch">the most transactions one append may carry (one journal write).</param>
/// <param name="MaxAppendsInFlight">the most appends written but not confirmed; more wait until those are confirmed.</param>
public sealed record TxnLogSettings(string PersistenceIdPrefix, int SnapshotRetainCount, int MaxAppendBatch, int MaxAppendsInFlight)
{
    public static TxnLogSettings Default { get; } = Create(ZabJournalConfig.Reference);

    public static TxnLogSettings Create(Config config)
    {
        var merged = ReferenceEquals(config, ZabJournalConfig.Reference) ? config : config.WithFallback(ZabJournalConfig.Reference);
        var section = merged.GetConfig("zab.journal");
        var settings = new TxnLogSettings(
            section.GetString("persistence-id-prefix"),
            section.GetInt("snapshot-retain-count"),
            section.GetInt("max-append-batch"),
            section.GetInt("max-appends-in-flight"));
        if (string.IsNullOrWhiteSpace(settings.PersistenceIdPrefix))
        {
            throw new ConfigurationException("zab.journal.persistence-id-prefix must not be empty");
        }
        if (settings.SnapshotRetainCount < 1 || settings.MaxAppendBatch < 1 || settings.MaxAppendsInFlight < 1)
        {
            throw new ConfigurationException(
                "zab.journal.snapshot-retain-count, max-append-batch and max-appends-in-flight must be at least 1");
        }
        return settings;
    }

    public string PersistenceId(long serverId) => $"{PersistenceIdPrefix}-{serverId}";
}
