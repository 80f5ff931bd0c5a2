using ZabActors.Zab;

namespace ZabActors.Simulation.Storage;

/// <summary>What a read of a simulated disk gave: the peer's disk view and latest snapshot, or why the disk could not be read.</summary>
public sealed record DiskRead(PeerDisk? Disk, Snapshot? Snapshot, string? Failure)
{
    public bool Failed => Failure is not null;
}

// Reading the disk back: drop a torn tail, verify every checksum recovery relies on, build the view.
public sealed partial class SimulatedDisk
{
    /// <summary>Reads what recovery reads; a read fault or a checksum mismatch is a failure, never a silent skip.</summary>
    private DiskRead Read(LoadDisk? load, int committedLogSize)
    {
        while (log.Count > 0 && log[^1].Torn)
        {
            log.RemoveAt(log.Count - 1);
        }
        if (random.Chance(Options.ReadFaultProbability))
        {
            Statistics.ReadFaults++;
            return new DiskRead(null, null, "read fault: a record failed its checksum on read");
        }
        var snapshot = LatestSnapshotRecord();
        if (snapshot is { Intact: false })
        {
            Statistics.CorruptionsDetected++;
            return new DiskRead(null, null, $"checksum mismatch in snapshot {snapshot.Zxid}");
        }
        if (ReadableLog().FirstOrDefault(record => !record.Intact) is { } corrupt)
        {
            Statistics.CorruptionsDetected++;
            return new DiskRead(null, null, $"checksum mismatch in log record {corrupt.Zxid}");
        }
        var snapshotZxid = snapshot?.Zxid ?? Zxid.Zero;
        var view = new View(this);
        var disk = PeerDisk.Read(view, view, snapshotZxid, load?.LastAppliedZxid ?? snapshotZxid, committedLogSize);
        return new DiskRead(disk, snapshot is null ? null : new Snapshot(snapshot.Zxid, snapshot.Data), null);
    }

    private DiskRecord? LatestSnapshotRecord() => snapshots.Count == 0 ? null : snapshots.Values.Last();

    /// <summary>The log records a read goes through: those after the latest snapshot.</summary>
    private IEnumerable<DiskRecord> ReadableLog()
    {
        var after = LatestSnapshotZxid;
        return log.Where(record => record.Zxid > after);
    }

    /// <summary>The disk's log and epoch files as <see cref="PeerDisk.Read"/> reads them; writes go through <see cref="Submit"/> only.</summary>
    private sealed class View(SimulatedDisk disk) : ITxnLog, IEpochStore
    {
        public Zxid LastZxid => disk.log.Count > 0 ? disk.log[^1].Zxid : Zxid.Zero;

        public long AcceptedEpoch => disk.AcceptedEpoch;

        public long CurrentEpoch => disk.CurrentEpoch;

        public void Append(Txn txn) => throw new NotSupportedException("a read view");

        public void Flush() => throw new NotSupportedException("a read view");

        public void TruncateAfter(Zxid zxid) => throw new NotSupportedException("a read view");

        public void Save(long? acceptedEpoch, long? currentEpoch) => throw new NotSupportedException("a read view");

        public IEnumerable<Txn> ReadAfter(Zxid zxid) => [.. disk.log.Where(record => record.Zxid > zxid).Select(record => record.Txn)];
    }
}
