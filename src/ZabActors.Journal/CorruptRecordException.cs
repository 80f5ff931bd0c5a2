namespace ZabActors.Journal;

/// <summary>
/// A stored record failed its checksum or does not parse. The serializer cannot see where the record
/// lives; the <see cref="TxnLogActor"/> names journal, persistence id and sequence nr when it reports it
/// (<see cref="JournalCorruptedException"/>).
/// </summary>
public sealed class CorruptRecordException(string manifest, string detail)
    : IOException($"corrupt record (manifest {manifest}): {detail}")
{
    public string Manifest { get; } = manifest;
}

/// <summary>A journal or snapshot record of a persistence id that cannot be read back, with where it lives.</summary>
public sealed class JournalCorruptedException(string store, string persistenceId, long sequenceNr, Exception cause)
    : Exception($"{store}: persistence id {persistenceId}, sequence nr {sequenceNr}: {cause.Message}", cause)
{
    public string Store { get; } = store;

    public string PersistenceId { get; } = persistenceId;

    public long SequenceNr { get; } = sequenceNr;
}
