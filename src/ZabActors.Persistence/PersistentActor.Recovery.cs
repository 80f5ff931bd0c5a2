using Microsoft.Extensions.Logging;
using ZabActors.Persistence.Serialization;
using static ZabActors.Persistence.Journal.JournalProtocol;
using static ZabActors.Persistence.Snapshot.SnapshotProtocol;

namespace ZabActors.Persistence;

/// <summary>Recovery of a persistent actor: load the snapshot, replay the journal, complete.</summary>
public abstract partial class PersistentActor
{
    private Recovery? activeRecovery;

    /// <summary>
    /// Called when recovery fails (the snapshot or journal cannot be read, an event cannot be
    /// deserialized, or a recovery handler threw); <paramref name="event"/> is the event being
    /// replayed, if any. The actor is stopped afterwards, whatever this does. The default logs.
    /// </summary>
    protected virtual void OnRecoveryFailure(Exception reason, object? @event)
    {
        Log.LogError(reason, "Persistent actor {PersistenceId} failed to recover after sequence nr {SequenceNr} ({EventType}); stopping",
            persistenceId, LastSequenceNr, @event?.GetType().Name ?? "no event");
    }

    private void BeginRecovery()
    {
        handlersOpen = false;
        buildingCommands = null;
        string id;
        Recovery recovery;
        try
        {
            id = PersistenceId;
            recovery = Recovery;
            if (string.IsNullOrEmpty(id))
                throw new InvalidOperationException($"{GetType().Name}.PersistenceId must not be empty");
        }
        catch (Exception e)
        {
            FailRecovery(e, null);
            return;
        }
        persistenceId = id;
        activeRecovery = recovery;
        phase = Phase.LoadingSnapshot;
        persistence.SnapshotStore.Tell(new LoadSnapshot(id, recovery.FromSnapshot, recovery.ToSequenceNr, instanceId), Self);
    }

    private bool LoadingSnapshot(object message)
    {
        switch (message)
        {
            case LoadSnapshotResult result when result.ActorInstanceId == instanceId:
                if (result.Snapshot is { } selected && !OfferSnapshot(selected))
                    return true;
                phase = Phase.Replaying;
                var recovery = activeRecovery!;
                persistence.Journal.Tell(new ReplayMessages(LastSequenceNr + 1, recovery.ToSequenceNr, recovery.ReplayMax,
                    persistenceId!, Self, instanceId), Self);
                return true;
            case LoadSnapshotFailed failed when failed.ActorInstanceId == instanceId:
                FailRecovery(failed.Cause, null);
                return true;
            default:
                StashUnlessProtocol(message);
                return true;
        }
    }

    private bool OfferSnapshot(Snapshot.SelectedSnapshot selected)
    {
        object state;
        try
        {
            var (manifest, payload) = SnapshotEnvelope.Decode(selected.Snapshot);
            state = persistence.Serialization.Deserialize(manifest, payload);
        }
        catch (Exception e)
        {
            FailRecovery(new EventSerializationException(
                $"snapshot {selected.Metadata.SequenceNr} of '{persistenceId}' cannot be read: {e.Message}", e), null);
            return false;
        }
        LastSequenceNr = selected.Metadata.SequenceNr;
        currentSequenceNr = LastSequenceNr;
        return RunRecoveryHandler(new SnapshotOffer(selected.Metadata, state), null);
    }

    private bool Replaying(object message)
    {
        switch (message)
        {
            case ReplayedMessage replayed when replayed.ActorInstanceId == instanceId:
                Replay(replayed.Persistent);
                return true;
            case RecoverySuccess success when success.ActorInstanceId == instanceId:
                CompleteRecovery(success.HighestSequenceNr);
                return true;
            case ReplayMessagesFailure failure when failure.ActorInstanceId == instanceId:
                FailRecovery(failure.Cause, null);
                return true;
            default:
                StashUnlessProtocol(message);
                return true;
        }
    }

    private void Replay(Persistent record)
    {
        object @event;
        try
        {
            @event = persistence.Serialization.Deserialize(record.Manifest, record.Payload);
        }
        catch (Exception e)
        {
            FailRecovery(new EventSerializationException(
                $"event {record.SequenceNr} of '{persistenceId}' cannot be read: {e.Message}", e), null);
            return;
        }
        LastSequenceNr = record.SequenceNr;
        RunRecoveryHandler(@event, @event);
    }

    private void CompleteRecovery(long highestSequenceNr)
    {
        LastSequenceNr = Math.Max(LastSequenceNr, highestSequenceNr);
        currentSequenceNr = LastSequenceNr;
        activeRecovery = null;
        phase = Phase.Processing;
        if (!RunRecoveryHandler(RecoveryCompleted.Instance, null))
            return;
        // A RecoveryCompleted handler may persist, like a command handler.
        FlushBatch();
        if (pendingStashingInvocations == 0)
            stash.UnstashAllInternally();
    }

    /// <summary>Runs the recovery handlers; false when they threw (recovery then failed).</summary>
    private bool RunRecoveryHandler(object message, object? @event)
    {
        try
        {
            if (!recoveryHandlers.TryHandle(message) && message is not RecoveryCompleted)
                Unhandled(message);
            return true;
        }
        catch (Exception e)
        {
            DiscardUnsentEvents();
            FailRecovery(e, @event);
            return false;
        }
    }

    private void FailRecovery(Exception cause, object? @event)
    {
        phase = Phase.Stopped;
        try
        {
            OnRecoveryFailure(cause, @event);
        }
        finally
        {
            Context.Stop(Self);
        }
    }
}
