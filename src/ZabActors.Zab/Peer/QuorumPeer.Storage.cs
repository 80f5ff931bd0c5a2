using System.Collections.Immutable;

namespace ZabActors.Zab;

// The durability policy: group commit of appends, the order of a rewind (TRUNC, SNAP), the confirmations
// that come back in operation order, snapshot cadence and retention, and applying committed transactions.
public sealed partial class QuorumPeer
{
    /// <summary>At most this many transactions wait for the append in flight; reaching it sends them at once.</summary>
    internal const int MaxBufferedTxns = 8192;

    private readonly List<Txn> appendBuffer = [];
    private readonly Queue<Pending> inFlight = new();
    private readonly SortedSet<Zxid> keptSnapshots = [];
    private readonly SnapshotSchedule snapshots;
    private int appendsInFlight;

    private enum Purpose
    {
        Role,
        PeriodicSnapshot,
        SnapshotInstall,
        Disk,
    }

    /// <summary>A confirmable operation handed to storage, for the role incarnation that asked for it.</summary>
    private sealed record Pending(StorageOp Op, int Incarnation, Purpose Purpose, Snapshot? Installed = null);

    /// <summary>
    /// Hands a role's storage operation to the executor. Appends are group-committed as ZooKeeper's
    /// SyncRequestProcessor batches while the previous fsync is in flight: while one append is unconfirmed,
    /// later ones wait here and go out together when it is confirmed. Any other operation first sends the
    /// waiting appends, so storage sees every operation in the order the roles asked for it.
    /// </summary>
    private void Store(StorageOp op)
    {
        switch (op)
        {
            case AppendTxns append:
                Append(append.Txns);
                break;
            case TruncateLog truncate:
                Rewind(truncate.After, null);
                break;
            case InstallSnapshot install:
                Rewind(install.Snapshot.Zxid, install.Snapshot);
                break;
            case SaveEpochs or WriteSnapshot or LoadDisk:
                Emit(op, op is LoadDisk ? Purpose.Disk : op is WriteSnapshot ? Purpose.PeriodicSnapshot : Purpose.Role);
                break;
            default:
                throw new InvalidOperationException($"unknown storage operation {op}");
        }
    }

    private void Append(ImmutableArray<Txn> txns)
    {
        if (appendsInFlight == 0 && appendBuffer.Count == 0)
        {
            SendAppend(txns);
            return;
        }
        appendBuffer.AddRange(txns);
        if (appendBuffer.Count >= MaxBufferedTxns)
        {
            SendBufferedAppends();
        }
    }

    private void SendBufferedAppends()
    {
        if (appendBuffer.Count == 0)
        {
            return;
        }
        ImmutableArray<Txn> txns = [.. appendBuffer];
        appendBuffer.Clear();
        SendAppend(txns);
    }

    private void SendAppend(ImmutableArray<Txn> txns)
    {
        var append = new AppendTxns(txns);
        appendsInFlight++;
        storageOut.Add(append);
        inFlight.Enqueue(new Pending(append, incarnation, Purpose.Role));
    }

    private void Emit(StorageOp op, Purpose purpose, Snapshot? installed = null)
    {
        SendBufferedAppends();
        storageOut.Add(op);
        if (op is not (DeleteSnapshotsAfter or PurgeBefore))
        {
            inFlight.Enqueue(new Pending(op, incarnation, purpose, installed));
        }
    }

    /// <summary>
    /// A TRUNC or SNAP rewinds the peer to <paramref name="zxid"/>. The SNAP's snapshot is written first;
    /// then the peer's own snapshots above the rewind point go (ZooKeeper's FileTxnSnapLog.truncateLog,
    /// simulation finding 3), else the next disk read would load a state the peer gave up; then the log
    /// is truncated. The truncation's confirmation completes a SNAP: the state machine is restored, the
    /// session hears, and the snapshots and log below the new snapshot are purged.
    /// </summary>
    private void Rewind(Zxid zxid, Snapshot? snapshot)
    {
        if (snapshot is not null)
        {
            Emit(new WriteSnapshot(snapshot), Purpose.SnapshotInstall);
        }
        Emit(new DeleteSnapshotsAfter(zxid), Purpose.Role);
        keptSnapshots.RemoveWhere(kept => kept > zxid);
        Emit(new TruncateLog(zxid), snapshot is null ? Purpose.Role : Purpose.SnapshotInstall, snapshot);
    }

    private void OnStorageInput(IPeerInput input)
    {
        switch (input)
        {
            case LogDurable durable:
                OnLogDurable(durable);
                break;
            case EpochsDurable durable:
                var epochs = Confirm<SaveEpochs>(op => op.AcceptedEpoch == durable.AcceptedEpoch && op.CurrentEpoch == durable.CurrentEpoch, durable);
                AcceptedEpoch = durable.AcceptedEpoch ?? AcceptedEpoch;
                CurrentEpoch = durable.CurrentEpoch ?? CurrentEpoch;
                ToRole(epochs, durable);
                break;
            case SnapshotWritten written:
                var pending = Confirm<WriteSnapshot>(op => op.Snapshot.Zxid == written.Zxid, written);
                OnSnapshotWritten(pending, written.Zxid);
                break;
            case TruncationDurable truncated:
                OnTruncated(Confirm<TruncateLog>(op => op.After == truncated.After, truncated), truncated.After);
                break;
            case DiskLoaded loaded:
                Confirm<LoadDisk>(_ => true, loaded);
                OnDiskLoaded(loaded);
                break;
            case StorageOpFailed failed:
                OnStorageFailed(failed);
                break;
            default:
                throw new ArgumentException($"not a peer input: {input}", nameof(input));
        }
    }

    /// <summary>Confirmations come back in the order the operations went out; anything else is an executor bug.</summary>
    private Pending Confirm<T>(Func<T, bool> matches, IPeerInput confirmation)
        where T : StorageOp
    {
        if (!inFlight.TryPeek(out var head) || head.Op is not T op || !matches(op))
        {
            throw new InvalidOperationException($"{confirmation} does not confirm the oldest operation in flight ({head?.Op.ToString() ?? "none"})");
        }
        return inFlight.Dequeue();
    }

    /// <summary>One confirmation may cover several appends (the executor flushed them together).</summary>
    private void OnLogDurable(LogDurable durable)
    {
        Pending confirmed;
        do
        {
            confirmed = Confirm<AppendTxns>(_ => true, durable);
            appendsInFlight--;
        }
        while (((AppendTxns)confirmed.Op).Last != durable.UpTo);
        LastLoggedZxid = durable.UpTo;
        ToRole(confirmed, durable);
        if (appendsInFlight == 0)
        {
            SendBufferedAppends();
        }
    }

    /// <summary>A confirmation reaches the role that asked for it; a role that has ended since is gone.</summary>
    private void ToRole(Pending pending, object confirmation)
    {
        if (pending.Incarnation != incarnation || phase != Phase.InRole)
        {
            return;
        }
        if (learner is { } role)
        {
            StepSession(role, (ILearnerSessionInput)confirmation);
        }
        else if (leader is { } lead)
        {
            switch (confirmation)
            {
                case LogDurable durable:
                    StepTracker(lead, durable);
                    break;
                case EpochsDurable durable:
                    StepDiscovery(lead, durable);
                    break;
            }
        }
    }

    private void OnSnapshotWritten(Pending pending, Zxid zxid)
    {
        keptSnapshots.Add(zxid);
        if (pending.Purpose == Purpose.PeriodicSnapshot && keptSnapshots.Count >= options.SnapshotRetainCount)
        {
            Purge(keptSnapshots.Reverse().ElementAt(options.SnapshotRetainCount - 1));
        }
    }

    /// <summary>
    /// The log holds nothing above the rewind point. After a SNAP the state machine is restored from the
    /// snapshot whatever the role's fate (the disk now says so), and the older history is purged: the log
    /// below the snapshot may hold a history the leader's does not, and nothing may replay it.
    /// </summary>
    private void OnTruncated(Pending pending, Zxid after)
    {
        LastLoggedZxid = after;
        if (pending.Installed is not { } snapshot)
        {
            return;
        }
        stateMachine.Restore(snapshot);
        snapshots.Restart();
        ToRole(pending, new SnapshotDurable(snapshot.Zxid));
        Purge(snapshot.Zxid);
    }

    /// <summary>
    /// How far the state machine will stand once every operation in flight is confirmed: a SNAP still in
    /// flight restores it to its snapshot (whatever happens to the role), so a disk read queued behind that
    /// SNAP must count with the snapshot's zxid, or it would find the state machine behind its own snapshot.
    /// </summary>
    private Zxid AppliedWhenStorageCatchesUp() =>
        inFlight.LastOrDefault(pending => pending.Installed is not null)?.Installed!.Zxid ?? stateMachine.LastApplied;

    private void Purge(Zxid oldestKept)
    {
        Emit(new PurgeBefore(oldestKept), Purpose.Role);
        keptSnapshots.RemoveWhere(zxid => zxid < oldestKept);
    }

    private void OnStorageFailed(StorageOpFailed failed)
    {
        if (failed.Op is not (DeleteSnapshotsAfter or PurgeBefore))
        {
            var pending = Confirm<StorageOp>(op => op == failed.Op, failed);
            if (pending.Purpose == Purpose.PeriodicSnapshot)
            {
                Emit(new PeerStorageWarning($"snapshot {((WriteSnapshot)failed.Op).Snapshot.Zxid} failed: {failed.Reason}"));
                return;
            }
            if (failed.Op is AppendTxns)
            {
                appendsInFlight--;
            }
        }
        else if (failed.Op is PurgeBefore purge)
        {
            // The snapshot is durable, so nothing acknowledged is at risk; storage that refuses further work fails the next write.
            Emit(new PeerStorageWarning($"purging before {purge.OldestKept} failed: {failed.Reason}"));
            return;
        }
        Stop($"storage failed: {failed.Op.GetType().Name}: {failed.Reason}");
    }

    /// <summary>
    /// Applies one committed, locally durable transaction in zxid order, answers this peer's client if the
    /// write was accepted here, and takes a snapshot when one is due (<see cref="SnapshotSchedule"/>).
    /// </summary>
    private void Apply(Txn txn)
    {
        var last = stateMachine.LastApplied;
        if (txn.Zxid <= last)
        {
            throw new InvalidOperationException($"applying {txn.Zxid} after {last}: transactions must ascend");
        }
        stateMachine.Apply(txn);
        Emit(new PeerTxnApplied(txn));
        AnswerOwnWrite(txn);
        if (snapshots.CountApplied())
        {
            var snapshot = stateMachine.TakeSnapshot();
            Emit(new PeerSnapshotTaken(snapshot.Zxid));
            Emit(new WriteSnapshot(snapshot), Purpose.PeriodicSnapshot);
        }
    }
}
