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
                [SnapshotsUpToKey(oldestKept.SequenceNr - 1), MessagesUpToKey(oldestKept.SequenceNr)], () => Finish(replyTo, saved));
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
                AwaitDeletes(replyTo, $"deleting {doomed.Count} snapshot(s) above {snapshot.Zxid}",
                    [.. doomed.Select(entry => SnapshotKey(entry.SequenceNr))], () => Finish(replyTo, new SnapshotDurable(snapshot.Zxid)));
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

    /// <summary>
    /// Waits for the deletes just requested, each named by a key (<see cref="SnapshotKey"/>, <see cref="SnapshotsUpToKey"/>,
    /// <see cref="MessagesUpToKey"/>); answers to earlier, abandoned deletes are ignored. Commands wait in the stash meanwhile.
    /// </summary>
    /// <param name="reloadOnFailure">restart through the supervisor after a failure, when the deletes done so far leave memory behind the store.</param>
    private void AwaitDeletes(IActorRef replyTo, string operation, IReadOnlyCollection<string> keys, Action then, bool reloadOnFailure = false)
    {
        var expected = new HashSet<string>(keys);
        if (expected.Count == 0)
        {
            then();
            return;
        }
        void Succeeded(string key)
        {
            if (expected.Remove(key) && expected.Count == 0)
            {
                then();
            }
        }
        void Failed(string key, string where, Exception cause)
        {
            if (expected.Contains(key))
            {
                FailStep(replyTo, $"{where}: {operation} failed: {cause.Message}");
                if (reloadOnFailure)
                {
                    throw new TxnLogReloadException(PersistenceId, $"{operation} failed part-way");
                }
            }
        }
        Become(() =>
        {
            Command<DeleteSnapshotSuccess>(success => Succeeded(SnapshotKey(success.Metadata.SequenceNr)));
            Command<DeleteSnapshotsSuccess>(success => Succeeded(SnapshotsUpToKey(success.Criteria.MaxSequenceNr)));
            Command<DeleteMessagesSuccess>(success => Succeeded(MessagesUpToKey(success.ToSequenceNr)));
            Command<DeleteSnapshotFailure>(failure => Failed(SnapshotKey(failure.Metadata.SequenceNr),
                $"{SnapshotStoreId}: persistence id {PersistenceId}, sequence nr {failure.Metadata.SequenceNr}", failure.Cause));
            Command<DeleteSnapshotsFailure>(failure => Failed(SnapshotsUpToKey(failure.Criteria.MaxSequenceNr),
                $"{SnapshotStoreId}: persistence id {PersistenceId}, sequence nrs up to {failure.Criteria.MaxSequenceNr}", failure.Cause));
            Command<DeleteMessagesFailure>(failure => Failed(MessagesUpToKey(failure.ToSequenceNr),
                $"{JournalId}: persistence id {PersistenceId}, sequence nrs up to {failure.ToSequenceNr}", failure.Cause));
            CommandAny(_ => Stash.Stash());
        });
    }

    private static string SnapshotKey(long sequenceNr) => $"snapshot {sequenceNr}";

    private static string SnapshotsUpToKey(long sequenceNr) => $"snapshots to {sequenceNr}";

    private static string MessagesUpToKey(long sequenceNr) => $"messages to {sequenceNr}";

    private void Finish(IActorRef replyTo, object reply)
    {
        replyTo.Tell(reply);
        BecomeReady();
    }
}
