using ZabActors.Persistence.Serialization;
using ZabActors.Persistence.Snapshot;
using static ZabActors.Persistence.Journal.JournalProtocol;
using static ZabActors.Persistence.Snapshot.SnapshotProtocol;

namespace ZabActors.Persistence;

/// <summary>Journal maintenance (delete, truncate) and snapshots of a persistent actor.</summary>
public abstract partial class PersistentActor
{
    /// <summary>
    /// Deletes the events up to <paramref name="toSequenceNr"/> (<c>long.MaxValue</c>: up to
    /// <see cref="LastSequenceNr"/>); answered with <see cref="DeleteMessagesSuccess"/> or
    /// <see cref="DeleteMessagesFailure"/> through the command handlers. Later events keep their numbers.
    /// </summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        EnsureProcessing("delete messages");
        ArgumentOutOfRangeException.ThrowIfNegative(toSequenceNr);
        if (toSequenceNr != long.MaxValue && toSequenceNr > LastSequenceNr)
        {
            Self.Tell(new DeleteMessagesFailure(new ArgumentOutOfRangeException(nameof(toSequenceNr), toSequenceNr,
                $"toSequenceNr {toSequenceNr} must not exceed the last sequence nr {LastSequenceNr}"), toSequenceNr), Self);
            return;
        }
        var to = toSequenceNr == long.MaxValue ? LastSequenceNr : toSequenceNr;
        persistence.Journal.Tell(new DeleteMessagesTo(persistenceId!, to, Self), Self);
    }

    /// <summary>
    /// Our addition for ZAB's TRUNC: deletes the events after <paramref name="sequenceNr"/>, so the
    /// next persisted event gets <paramref name="sequenceNr"/> + 1. Events persisted earlier in the
    /// same command are written first. Commands are stashed until the journal answered with
    /// <see cref="TruncateMessagesSuccess"/> or <see cref="TruncateMessagesFailure"/>, which the
    /// command handlers then receive from the sender of the command that truncated;
    /// <see cref="LastSequenceNr"/> drops on success.
    /// </summary>
    protected void TruncateAfter(long sequenceNr)
    {
        EnsureProcessing("truncate");
        ArgumentOutOfRangeException.ThrowIfNegative(sequenceNr);
        FlushBatch();
        persistence.Journal.Tell(new TruncateMessagesAfter(persistenceId!, sequenceNr, Self, instanceId, Sender), Self);
        pendingInvocations.Enqueue(new Invocation(null, null, Stashing: true, IsTruncate: true));
        pendingStashingInvocations++;
        currentSequenceNr = Math.Min(currentSequenceNr, sequenceNr);
    }

    /// <summary>
    /// Saves <paramref name="snapshot"/> as covering every event up to <see cref="SnapshotSequenceNr"/>;
    /// answered with <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>. The
    /// timestamp comes from the system's scheduler (virtual under the deterministic runtime).
    /// </summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        EnsureProcessing("save a snapshot");
        var (manifest, payload) = persistence.Serialization.Serialize(snapshot);
        var metadata = new SnapshotMetadata(persistenceId!, SnapshotSequenceNr, Context.System.Scheduler.Now.UtcDateTime);
        persistence.SnapshotStore.Tell(new SaveSnapshot(metadata, SnapshotEnvelope.Encode(manifest, payload)), Self);
    }

    /// <summary>Deletes the snapshot taken at <paramref name="sequenceNr"/>; answered with <see cref="DeleteSnapshotSuccess"/>/<see cref="DeleteSnapshotFailure"/>.</summary>
    protected void DeleteSnapshot(long sequenceNr)
    {
        EnsureProcessing("delete a snapshot");
        persistence.SnapshotStore.Tell(new DeleteSnapshot(new SnapshotMetadata(persistenceId!, sequenceNr, DateTime.MinValue)), Self);
    }

    /// <summary>Deletes the snapshots matching <paramref name="criteria"/>; answered with <see cref="DeleteSnapshotsSuccess"/>/<see cref="DeleteSnapshotsFailure"/>.</summary>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        EnsureProcessing("delete snapshots");
        persistence.SnapshotStore.Tell(new DeleteSnapshots(persistenceId!, criteria), Self);
    }

    private void OnTruncateResult(TruncateResult result)
    {
        NextPending(truncate: true);
        if (result.Reply is TruncateMessagesSuccess success)
            LastSequenceNr = Math.Min(LastSequenceNr, success.SequenceNr);
        if (!HandleCommand(result.Reply))
            Unhandled(result.Reply);
        UnstashWhenIdle();
    }
}
