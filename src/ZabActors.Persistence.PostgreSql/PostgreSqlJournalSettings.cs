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
}
