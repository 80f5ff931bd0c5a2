using Akka.Actor;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>A TRUNC below the newest snapshot: the log rewinds to an older snapshot and reloads.</summary>
public sealed partial class TxnLogActor
{
    /// <summary>
    /// Deletes every snapshot above <paramref name="after"/> (as ZooKeeper's <c>FileTxnSnapLog.truncateLog</c>),
    /// writes the truncation marker, answers, and then restarts through its supervisor: memory holds only the
    /// transactions above the newest snapshot, and recovery from the older snapshot rebuilds those below it.
    /// </summary>
    private void Rewind(Zxid after, IActorRef replyTo)
    {
        var (target, refusal) = state.RewindTarget(after);
        if (refusal is not null)
        {
            replyTo.Tell(new StorageFailed($"txn log {PersistenceId}: cannot truncate after {after}: {refusal}"));
            return;
        }
        var keepTo = target?.SequenceNr ?? -1;
        var doomed = state.Snapshots.Where(entry => entry.SequenceNr > keepTo).ToList();
        foreach (var entry in doomed)
        {
            DeleteSnapshot(entry.SequenceNr);
        }
        AwaitDeletes(replyTo, $"deleting {doomed.Count} snapshot(s) above {after}", [.. doomed.Select(entry => SnapshotKey(entry.SequenceNr))], () =>
        {
            pending = new Pending(replyTo, $"truncation after {after}");
            Persist(new LogTruncated(after, state.PurgedToSequenceNr), _ =>
            {
                pending = null;
                replyTo.Tell(new TxnLogProtocol.Truncated(after));
                throw new TxnLogReloadException(PersistenceId,
                    $"truncated after {after}, below its newest snapshot; reloading from snapshot {target?.Zxid ?? Zxid.Zero}");
            });
        }, reloadOnFailure: true);
    }
}

/// <summary>
/// Thrown on purpose after a TRUNC below the newest snapshot was made durable (or failed part-way), so the supervisor restarts the
/// <see cref="TxnLogActor"/> and recovery rebuilds the log from the older snapshot. Restart it; it is not a fault.
/// </summary>
public sealed class TxnLogReloadException(string persistenceId, string why) : Exception($"txn log {persistenceId}: {why}");
