namespace ZabActors.Persistence.Snapshot;

/// <summary>A loaded snapshot: its metadata and the serialized state (Akka's <c>SelectedSnapshot</c>).</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, byte[] Snapshot)
{
    public bool Equals(SelectedSnapshot? other) =>
        other is not null && Metadata == other.Metadata && Snapshot.AsSpan().SequenceEqual(other.Snapshot);

    public override int GetHashCode() => HashCode.Combine(Metadata, Snapshot.Length);
}
