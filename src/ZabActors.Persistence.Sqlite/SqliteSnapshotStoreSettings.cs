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
}
