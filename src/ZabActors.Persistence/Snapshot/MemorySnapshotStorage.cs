namespace ZabActors.Persistence.Snapshot;

/// <summary>
/// The "disk" of a <see cref="MemorySnapshotStore"/>: snapshots with their checksums, shared by
/// the store instances a restarted node opens on it.
/// </summary>
public sealed class MemorySnapshotStorage
{
    internal const string Location = "memory snapshot storage";

    private readonly Dictionary<string, SortedList<long, StoredSnapshot>> snapshotsById = new(StringComparer.Ordinal);

    internal object Gate { get; } = new();

    public int SnapshotCount
    {
        get
        {
            lock (Gate)
                return snapshotsById.Values.Sum(s => s.Count);
        }
    }

    /// <summary>Flips one bit of a stored snapshot (or of its checksum when it is empty).</summary>
    public void CorruptSnapshot(string persistenceId, long sequenceNr)
    {
        lock (Gate)
        {
            if (!snapshotsById.TryGetValue(persistenceId, out var snapshots) || !snapshots.TryGetValue(sequenceNr, out var stored))
                throw new ArgumentException($"No snapshot {sequenceNr} for persistence id '{persistenceId}'.");
            if (stored.Snapshot.Length == 0)
            {
                snapshots[sequenceNr] = stored with { Checksum = stored.Checksum ^ 1 };
                return;
            }
            var damaged = (byte[])stored.Snapshot.Clone();
            damaged[damaged.Length / 2] ^= 0x10;
            snapshots[sequenceNr] = stored with { Snapshot = damaged };
        }
    }

    internal SortedList<long, StoredSnapshot> GetOrAdd(string persistenceId)
    {
        if (!snapshotsById.TryGetValue(persistenceId, out var snapshots))
        {
            snapshots = [];
            snapshotsById.Add(persistenceId, snapshots);
        }
        return snapshots;
    }

    internal SortedList<long, StoredSnapshot>? Find(string persistenceId) => snapshotsById.GetValueOrDefault(persistenceId);

    /// <summary>A snapshot as stored: the bytes plus the checksum computed when it was saved.</summary>
    internal sealed record StoredSnapshot(SnapshotMetadata Metadata, byte[] Snapshot, uint Checksum);
}
