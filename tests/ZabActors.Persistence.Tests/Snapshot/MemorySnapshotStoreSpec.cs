using ZabActors.Persistence.Snapshot;

namespace ZabActors.Persistence.Tests.Snapshot;

/// <summary>Runs the snapshot conformance suite against <see cref="MemorySnapshotStore"/>.</summary>
public sealed class MemorySnapshotStoreSpec : SnapshotStoreSpec
{
    private readonly MemorySnapshotStorage storage = new();

    protected override string ExpectedCorruptionLocation => "memory snapshot storage";

    protected override Task<ISnapshotStore> OpenStoreAsync() => Task.FromResult<ISnapshotStore>(new MemorySnapshotStore(storage));

    protected override Task CorruptSnapshotAsync(string persistenceId, long sequenceNr)
    {
        storage.CorruptSnapshot(persistenceId, sequenceNr);
        return Task.CompletedTask;
    }
}
