namespace ZabActors.Persistence;

/// <summary>
/// One journal record as a plugin sees it (Akka's <c>IPersistentRepresentation</c>): the event is
/// already serialized, so the journal stores bytes and never interprets them.
/// </summary>
/// <remarks>
/// Equality compares the payload bytes, not the array reference, so tests and replays can compare
/// records by value like every other message in the project.
/// </remarks>
public sealed record Persistent
{
    public Persistent(string persistenceId, long sequenceNr, string manifest, byte[] payload, string? writerGuid = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceNr, 1L);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(payload);
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Manifest = manifest;
        Payload = payload;
        WriterGuid = writerGuid;
    }

    public string PersistenceId { get; }

    /// <summary>Position of the record in its persistence id's log; the first record is 1.</summary>
    public long SequenceNr { get; }

    /// <summary>Type hint the serializer wrote; the journal stores it verbatim (may be empty).</summary>
    public string Manifest { get; }

    /// <summary>Serialized event. Callers must not mutate the array after handing it to a journal.</summary>
    public byte[] Payload { get; }

    /// <summary>Identifies the writer incarnation (Akka uses it to spot two writers on one id).</summary>
    public string? WriterGuid { get; }

    public bool Equals(Persistent? other) =>
        other is not null
        && SequenceNr == other.SequenceNr
        && PersistenceId == other.PersistenceId
        && Manifest == other.Manifest
        && WriterGuid == other.WriterGuid
        && Payload.AsSpan().SequenceEqual(other.Payload);

    public override int GetHashCode() => HashCode.Combine(PersistenceId, SequenceNr, Manifest, Payload.Length);

    public override string ToString() =>
        $"Persistent({PersistenceId}, {SequenceNr}, manifest={Manifest}, {Payload.Length} bytes)";
}
