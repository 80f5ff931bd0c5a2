namespace ZabActors.Persistence;

/// <summary>
/// A batch of consecutive records of one persistence id that a journal stores all or nothing
/// (Akka's <c>AtomicWrite</c>). Persisting several events with one call becomes one AtomicWrite.
/// </summary>
public sealed record AtomicWrite
{
    public AtomicWrite(Persistent single) : this([single]) { }

    public AtomicWrite(IReadOnlyList<Persistent> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Count == 0)
            throw new ArgumentException("An AtomicWrite needs at least one record.", nameof(payload));
        var first = payload[0];
        for (var i = 1; i < payload.Count; i++)
        {
            var record = payload[i];
            if (record.PersistenceId != first.PersistenceId)
                throw new ArgumentException(
                    $"An AtomicWrite holds one persistence id, found '{first.PersistenceId}' and '{record.PersistenceId}'.",
                    nameof(payload));
            if (record.SequenceNr != first.SequenceNr + i)
                throw new ArgumentException(
                    $"An AtomicWrite holds consecutive sequence numbers, found {record.SequenceNr} at position {i} after {first.SequenceNr}.",
                    nameof(payload));
        }
        Payload = payload;
    }

    public IReadOnlyList<Persistent> Payload { get; }

    public string PersistenceId => Payload[0].PersistenceId;

    public long LowestSequenceNr => Payload[0].SequenceNr;

    public long HighestSequenceNr => Payload[^1].SequenceNr;

    public int Count => Payload.Count;

    public bool Equals(AtomicWrite? other) =>
        other is not null && Payload.SequenceEqual(other.Payload);

    public override int GetHashCode() => HashCode.Combine(PersistenceId, LowestSequenceNr, Count);

    public override string ToString() =>
        $"AtomicWrite({PersistenceId}, {LowestSequenceNr}..{HighestSequenceNr})";
}
