using Microsoft.Extensions.Logging;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Tests.Support;
using ZabActors.Persistence.Zab;

namespace ZabActors.Persistence.Tests.Zab;

/// <summary>Runs the peer storage suite on the memory plugins; their storages outlive a restart.</summary>
public sealed class MemoryPeerStorageSpec : PeerStorageSpec
{
    private readonly MemoryJournalStorage journalStorage = new();
    private readonly MemorySnapshotStorage snapshotStorage = new();

    protected override string ExpectedLocation => "memory journal storage";

    protected override JournalPeerStorage OpenStorage(ILoggerFactory logging) =>
        JournalPeerStorage.Open(new RecordingJournal(new MemoryJournal(journalStorage)), new MemorySnapshotStore(snapshotStorage), Prefix,
            loggerFactory: logging);

    protected override long BatchesCommitted(JournalPeerStorage storage) => ((RecordingJournal)storage.Journal).WriteCalls.Count;

    protected override Task CorruptRecordAsync(string persistenceId, long sequenceNr)
    {
        journalStorage.CorruptPayload(persistenceId, sequenceNr);
        return Task.CompletedTask;
    }

    protected override Task CorruptSnapshotAsync(string persistenceId, long sequenceNr)
    {
        snapshotStorage.CorruptSnapshot(persistenceId, sequenceNr);
        return Task.CompletedTask;
    }
}
