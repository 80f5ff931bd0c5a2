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
}
