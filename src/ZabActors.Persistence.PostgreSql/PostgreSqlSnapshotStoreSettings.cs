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
}
