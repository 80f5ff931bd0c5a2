using ZabActors.Persistence.PostgreSql;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.Snapshot;

/// <summary>Runs the snapshot conformance suite against <see cref="PostgreSqlSnapshotStore"/> on the test server.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlSnapshotStoreSpec : SnapshotStoreSpec
{
    private PostgreSqlTestSchema? schema;
    private PostgreSqlSnapshotStore? current;

    private PostgreSqlTestSchema Schema => schema ??= new PostgreSqlTestSchema();

    protected override string ExpectedCorruptionLocation => current!.TableName;

    protected override Task<ISnapshotStore> OpenStoreAsync()
    {
        current = new PostgreSqlSnapshotStore(new PostgreSqlSnapshotStoreSettings(Schema.ConnectionString, Schema.Name));
        return Task.FromResult<ISnapshotStore>(current);
    }

    protected override Task CorruptSnapshotAsync(string persistenceId, long sequenceNr) =>
        Schema.FlipPayloadBitsAsync("zab_snapshot", persistenceId, sequenceNr);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (schema is not null)
            await schema.DisposeAsync();
    }
}
