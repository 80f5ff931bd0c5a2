using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

// Snapshots: installing a leader's SNAP, saving the appliers' periodic snapshots, keeping the newest
// few and purging the log before the oldest kept one, and reading the disk back.
internal sealed partial class TxnLogActor
{
    private readonly int snapshotRetainCount;

    /// <summary>Zxids of the snapshots on disk that this actor knows of (saved, installed or loaded).</summary>
    private readonly SortedSet<Zxid> keptSnapshots = [];

    /// <summary>
    /// A leader's SNAP: durable first, then the log above it goes, then the requester hears. The log
    /// below it may hold a history the leader's does not (the reason for the SNAP), so afterwards the
    /// older snapshots and that log prefix go too: nothing can ever replay them.
    /// </summary>
    private void Install(Snapshot snapshot, IActorRef requester)
    {
        storage.Snapshots.Save(snapshot);
        DeleteSnapshotsAfter(snapshot.Zxid);
        storage.Log.TruncateAfter(snapshot.Zxid);
        progress.LastLoggedZxid = snapshot.Zxid;
        requester.Tell(new SnapshotInstalled(snapshot), Self);
        keptSnapshots.Add(snapshot.Zxid);
        PurgeBefore(snapshot.Zxid);
    }

    /// <summary>
    /// A rewind (SNAP or TRUNC) to <paramref name="zxid"/>: the peer's own snapshots above it go first
    /// (ZooKeeper's FileTxnSnapLog.truncateLog), else the next disk read would load one of them while the
    /// state machine stands at the rewind point, and a restart would rebuild from a state the peer gave up.
    /// A failure propagates: the rewind must not go ahead over a snapshot that outlives it.
    /// </summary>
    private void DeleteSnapshotsAfter(Zxid zxid)
    {
        if (storage.Snapshots is IRewindableSnapshotStore snapshots)
        {
            snapshots.DeleteAfter(zxid);
        }
        keptSnapshots.RemoveWhere(kept => kept > zxid);
    }

    /// <summary>An applier's periodic snapshot: every transaction it reflects is durable already, so the log stays.</summary>
    private void Snapshot(Snapshot snapshot)
    {
        Flush();
        try
        {
            storage.Snapshots.Save(snapshot);
        }
        catch (Exception e)
        {
            // A missed periodic snapshot costs only a longer recovery; the next one may succeed.
            Log.LogError(e, "saving snapshot {Zxid} failed", snapshot.Zxid);
            return;
        }
        keptSnapshots.Add(snapshot.Zxid);
        if (keptSnapshots.Count >= snapshotRetainCount)
        {
            PurgeBefore(keptSnapshots.Reverse().ElementAt(snapshotRetainCount - 1));
        }
    }

    /// <summary>
    /// Deletes the snapshots older than <paramref name="oldestKept"/>, then the log before it (as
    /// ZooKeeper's PurgeTxnLog), when the storage can. A crash in between leaves only more on disk.
    /// A purge that fails is a storage failure like any other: journal storage refuses all further
    /// work until it is reopened, so the peer's next flush fails and the peer re-reads its disk.
    /// </summary>
    private void PurgeBefore(Zxid oldestKept)
    {
        try
        {
            if (storage.Snapshots is IPurgeableSnapshotStore snapshots)
            {
                snapshots.DeleteBefore(oldestKept);
                keptSnapshots.RemoveWhere(zxid => zxid < oldestKept);
            }
            if (storage.Log is IPurgeableTxnLog log)
            {
                log.PurgeBefore(oldestKept);
            }
        }
        catch (Exception e)
        {
            // The snapshot is durable, so nothing acknowledged is at risk; but the storage may now refuse
            // every write, which the next flush reports to the role as StorageFailed.
            Log.LogError(e, "purging before snapshot {Zxid} failed; the storage may refuse further writes", oldestKept);
        }
    }

    private void Read(ReadDisk request, IActorRef requester)
    {
        Flush();
        try
        {
            var snapshot = storage.Snapshots.LoadLatest();
            var snapshotZxid = snapshot?.Zxid ?? Zxid.Zero;
            var applied = request.AtStartup ? snapshotZxid : request.LastAppliedZxid;
            var disk = PeerDisk.Read(storage.Log, storage.Epochs, snapshotZxid, applied, committedLogSize);
            if (snapshot is not null)
            {
                keptSnapshots.Add(snapshot.Zxid);
            }
            progress.AcceptedEpoch = disk.AcceptedEpoch;
            progress.CurrentEpoch = disk.CurrentEpoch;
            progress.LastLoggedZxid = disk.LastLoggedZxid;
            requester.Tell(new DiskRead(disk, snapshot), Self);
        }
        catch (Exception e)
        {
            Log.LogError(e, "reading the peer's storage failed");
            requester.Tell(new DiskReadFailed(e.Message), Self);
        }
    }
}
