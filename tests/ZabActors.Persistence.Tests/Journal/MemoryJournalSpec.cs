using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.Tests.Journal;

/// <summary>Runs the journal conformance suite against <see cref="MemoryJournal"/>.</summary>
public sealed class MemoryJournalSpec : JournalSpec
{
    private readonly MemoryJournalStorage storage = new();

    protected override string ExpectedCorruptionLocation => "memory journal storage";

    protected override Task<IAsyncWriteJournal> OpenJournalAsync() =>
        Task.FromResult<IAsyncWriteJournal>(new MemoryJournal(storage));

    protected override Task CorruptRecordAsync(string persistenceId, long sequenceNr)
    {
        storage.CorruptPayload(persistenceId, sequenceNr);
        return Task.CompletedTask;
    }
}
