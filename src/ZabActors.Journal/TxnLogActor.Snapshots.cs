using Akka.Actor;
using Akka.Persistence;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>Periodic snapshots with retention, and SNAP installs (ZooKeeper's <c>FileTxnSnapLog.truncateLog</c> order).</summary>
public sealed partial class TxnLogActor
{
    /// <summary>
    /// Saves a periodic snapshot. The saved state already reflects the retention purge that follows it, so a
    /// crash during the purge leaves only leftovers below the oldest kept snapshot, which the next purge removes.
    /// </summary>
    private void TakeSnapshot(TxnLogProtocol.SaveSnapshot save)
    {
        var zxid = save.Snapshot.Zxid;
        if (zxid < state.SnapshotZxid || zxid > state.LastZxid)
        {
            Sender.Tell(new StorageFailed(
                $"txn log {PersistenceId}: snapshot {zxid} lies outside the log ({state.SnapshotZxid}..{state.LastZxid})"));
            return;
        }
        var sequenceNr = LastSequenceNr;
        var next = state.WithSnapshot(save.Snapshot, sequenceNr);
        SnapshotEntry? oldestKept = null;
        if (next.Snapshots.Length > settings.SnapshotRetainCount && next.Snapshots[^settings.SnapshotRetainCount].SequenceNr > 0)
        {
            oldestKept = next.Snapshots[^settings.SnapshotRetainCount];
            next = next.WithPurgedBefore(oldestKept);
        }
        var replyTo = Sender;
        var saved = new TxnLogProtocol.SnapshotSaved(zxid, sequenceNr, next.PurgedToSequenceNr);
        SaveThen(next, replyTo, $"saving snapshot {zxid}", () =>
        {
            if (oldestKept is null)
            {
                Finish(replyTo, saved);
                return;
            }
            DeleteSnapshots(new SnapshotSelectionCriteria(oldestKept.SequenceNr - 1));
            DeleteMessages(oldestKept.SequenceNr);
            AwaitDeletes(replyTo, $"purging before snapshot {oldestKept.Zxid} (sequence nr {oldestKept.SequenceNr})",
                snapshotDeletes: 1, messageDeletes: 1, () => Finish(replyTo, saved));
        });
    }

    /// <summary>
    /// Installs a SNAP: the snapshot is saved first (the saved state already holds no transactions), then the
    /// marker that drops everything logged before it, then the peer's own snapshots above it are deleted.
    /// </summary>
    private void Install(InstallSnapshot install)
    {
        var snapshot = install.Snapshot;
        var sequenceNr = LastSequenceNr;
        var doomed = state.SnapshotsAbove(snapshot.Zxid).Where(entry => entry.SequenceNr != sequenceNr).ToList();
        var next = state.WithInstalled(snapshot, sequenceNr);
        var replyTo = Sender;
        SaveThen(next, replyTo, $"installing snapshot {snapshot.Zxid}", () =>
        {
            pending = new Pending(replyTo, $"marking the install of snapshot {snapshot.Zxid}");
            Persist(new SnapshotInstalled(snapshot.Zxid), marker =>
            {
                state = state.Apply(marker);
                pending = null;
                foreach (var entry in doomed)
                {
                    DeleteSnapshot(entry.SequenceNr);
                }
                AwaitDeletes(replyTo, $"deleting {doomed.Count} snapshot(s) above {snapshot.Zxid}", doomed.Count, 0,
                    () => Finish(replyTo, new SnapshotDurable(snapshot.Zxid)));
            });
        });
    }

    /// <summary>Saves <paramref name="next"/> as a snapshot, adopts it once durable, then runs <paramref name="then"/>.</summary>
    private void SaveThen(TxnLogState next, IActorRef replyTo, string operation, Action then)
    {
        SaveSnapshot(next.ToSnapshot());
        Become(() =>
        {
            Command<SaveSnapshotSuccess>(_ =>
            {
                state = next;
                then();
            });
            Command<SaveSnapshotFailure>(failure => FailStep(replyTo,
                $"{SnapshotStoreId}: persistence id {PersistenceId}, sequence nr {failure.Metadata.SequenceNr}: {operation} failed: {failure.Cause.Message}"));
            CommandAny(_ => Stash.Stash());
        });
    }

    /// <summary>Waits for the deletes just requested; commands wait in the stash meanwhile.</summary>
    private void AwaitDeletes(IActorRef replyTo, string operation, int snapshotDeletes, int messageDeletes, Action then)
    {
        if (snapshotDeletes == 0 && messageDeletes == 0)
        {
            then();
            return;
        }
        void Done(ref int left)
        {
            left--;
            if (snapshotDeletes == 0 && messageDeletes == 0)
            {
                then();
            }
        }
        Become(() =>
        {
            Command<DeleteSnapshotSuccess>(_ => Done(ref snapshotDeletes));
            Command<DeleteSnapshotsSuccess>(_ => Done(ref snapshotDeletes));
            Command<DeleteMessagesSuccess>(_ => Done(ref messageDeletes));
            Command<DeleteSnapshotFailure>(failure => FailStep(replyTo,
                $"{SnapshotStoreId}: persistence id {PersistenceId}, sequence nr {failure.Metadata.SequenceNr}: {operation} failed: {failure.Cause.Message}"));
            Command<DeleteSnapshotsFailure>(failure => FailStep(replyTo,
                $"{SnapshotStoreId}: persistence id {PersistenceId}, sequence nrs up to {failure.Criteria.MaxSequenceNr}: {operation} failed: {failure.Cause.Message}"));
            Command<DeleteMessagesFailure>(failure => FailStep(replyTo,
                $"{JournalId}: persistence id {PersistenceId}, sequence nrs up to {failure.ToSequenceNr}: {operation} failed: {failure.Cause.Message}"));
            CommandAny(_ => Stash.Stash());
        });
    }

    private void Finish(IActorRef replyTo, object reply)
    {
        replyTo.Tell(reply);
        BecomeReady();
    }
}
