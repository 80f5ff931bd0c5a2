using ZabActors.Hocon;

namespace ZabActors.Persistence.Zab;

/// <summary>
/// Settings of a <see cref="JournalPeerStorage"/>, parsed once from <c>zab.persistence.peer-storage</c>.
/// </summary>
public sealed record PeerStorageSettings(TimeSpan OperationTimeout, int SnapshotRetainCount = 3)
{
    public const string ConfigPath = "zab.persistence.peer-storage";

    /// <summary>ZooKeeper never keeps fewer than three snapshots (<c>PurgeTxnLog</c>).</summary>
    public const int MinSnapshotRetainCount = 3;

    public static PeerStorageSettings Default { get; } = new(TimeSpan.FromSeconds(60));

    /// <summary>
    /// Reads the section from a node's whole configuration (missing keys come from
    /// <c>persistence.conf</c>); a bad value throws <see cref="ConfigException"/> naming the key.
    /// </summary>
    public static PeerStorageSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.WithFallback(PersistencePlugins.DefaultConfig).GetConfig(ConfigPath);
        var settings = new PeerStorageSettings(section.GetTimeSpan("operation-timeout"), section.GetInt("snapshot-retain-count"));
        if (settings.OperationTimeout <= TimeSpan.Zero)
            throw new ConfigException($"{ConfigPath}.operation-timeout must be positive, got {settings.OperationTimeout}");
        if (settings.SnapshotRetainCount < MinSnapshotRetainCount)
            throw new ConfigException(
                $"{ConfigPath}.snapshot-retain-count must be at least {MinSnapshotRetainCount}, got {settings.SnapshotRetainCount}");
        return settings;
    }
}
