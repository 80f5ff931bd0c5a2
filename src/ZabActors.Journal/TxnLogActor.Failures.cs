using Akka.Actor;
using Akka.Event;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>
/// Turns every journal and snapshot-store failure into a <see cref="StorageFailed"/> reply and a listener event
/// naming the store, the persistence id and the sequence nr. The state is only changed by confirmed writes, so a
/// failure never leaves a half-applied state behind.
/// </summary>
public sealed partial class TxnLogActor
{
    private string JournalId => PluginId(JournalPluginId, "akka.persistence.journal.plugin");

    private string SnapshotStoreId => PluginId(SnapshotPluginId, "akka.persistence.snapshot-store.plugin");

    /// <summary>The journal failed a write; Akka stops the actor after this (what is durable is unknown until recovery).</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        var reason = $"{JournalId}: persistence id {PersistenceId}, sequence nr {sequenceNr}: {Operation(@event)} failed: {cause.Message}";
        Log.Error("{0}", reason);
        // Every request still in flight fails with it: the actor stops, and only recovery knows what was written.
        foreach (var batch in appends)
        {
            batch.ReplyTo.Tell(new StorageFailed(reason));
        }
        appends.Clear();
        FailPending(reason);
        Notify(new TxnLogProtocol.WriteFailed(PersistenceId, reason));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>The journal refused a write (e.g. serialization); nothing was stored and the actor goes on.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        var reason = $"{JournalId}: persistence id {PersistenceId}, sequence nr {sequenceNr}: {Operation(@event)} rejected: {cause.Message}";
        Log.Error("{0}", reason);
        if (BatchOf(@event) is { } batch)
        {
            // A rejection comes per event; the batch is answered on its first one and forgotten.
            appends.Remove(batch);
            batch.ReplyTo.Tell(new StorageFailed(reason));
            Notify(new TxnLogProtocol.WriteFailed(PersistenceId, reason));
            AfterAppend();
        }
        else if (@event is not TxnLogged && pending is not null)
        {
            FailPending(reason);
            Notify(new TxnLogProtocol.WriteFailed(PersistenceId, reason));
        }
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    /// <summary>Recovery failed; Akka stops the actor after this. A corrupt record is named with where it lives.</summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        var corrupt = reason as CorruptRecordException ?? reason.InnerException as CorruptRecordException;
        var described = corrupt switch
        {
            null => $"{JournalId}: persistence id {PersistenceId}, after sequence nr {LastSequenceNr}: recovery failed: {reason.Message}",
            // The snapshot store reports a failed load without its metadata: the newest snapshot is the one.
            { Manifest: "S" } => $"{SnapshotStoreId}: persistence id {PersistenceId}, newest snapshot: {corrupt.Message}",
            _ => new JournalCorruptedException(JournalId, PersistenceId, LastSequenceNr + 1, corrupt).Message,
        };
        Log.Error("{0}", described);
        Notify(new TxnLogProtocol.RecoveryFailed(PersistenceId, described));
        base.OnRecoveryFailure(reason, message);
    }

    private void FailPending(string reason)
    {
        if (pending is { } request)
        {
            pending = null;
            request.ReplyTo.Tell(new StorageFailed(reason));
        }
    }

    /// <summary>A snapshot-store step failed; the state holds only what was confirmed, and the actor takes commands again.</summary>
    private void FailStep(IActorRef replyTo, string reason)
    {
        Log.Error("{0}", reason);
        replyTo.Tell(new StorageFailed(reason));
        Notify(new TxnLogProtocol.WriteFailed(PersistenceId, reason));
        BecomeReady();
    }

    private string Operation(object @event) => BatchOf(@event)?.Operation ?? pending?.Operation ?? "a write";

    private string PluginId(string configured, string defaultKey) =>
        string.IsNullOrEmpty(configured) ? Context.System.Settings.Config.GetString(defaultKey) : configured;
}
