using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using static ZabActors.Persistence.Journal.JournalProtocol;

namespace ZabActors.Persistence;

/// <summary>Persisting events: the batch of the current command, the handlers awaiting journal replies.</summary>
public abstract partial class PersistentActor
{
    private readonly List<AtomicWrite> eventBatch = [];
    private readonly List<IActorRef> eventBatchSenders = [];
    private readonly List<Invocation> unsentInvocations = [];
    private readonly Queue<Invocation> pendingInvocations = new();
    private int pendingStashingInvocations;
    private long currentSequenceNr;

    /// <summary>
    /// Persists <paramref name="event"/>, then calls <paramref name="handler"/> with it; commands
    /// that arrive in between are stashed. Handlers run in the order of the Persist calls, with
    /// <c>Sender</c> set to the sender of the command that persisted the event.
    /// </summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        Enqueue([@event], handler, stashing: true);

    /// <summary>
    /// Persists <paramref name="events"/> as one atomic write (all or nothing, one journal write),
    /// then calls <paramref name="handler"/> for each in order. An empty list does nothing.
    /// </summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        Enqueue([.. events], handler, stashing: true);
    }

    /// <summary>As <see cref="Persist{TEvent}"/>, but commands keep being handled while the write is in flight.</summary>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        Enqueue([@event], handler, stashing: false);

    protected void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        Enqueue([.. events], handler, stashing: false);
    }

    /// <summary>
    /// Called when the journal failed to store an event; it may or may not be stored. The actor is
    /// stopped afterwards, whatever this does (a restart would recover the truth). The default logs.
    /// </summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Log.LogError(cause, "Failed to persist event type {EventType} with sequence nr {SequenceNr} for persistence id {PersistenceId}; stopping",
            @event.GetType().Name, sequenceNr, persistenceId);
    }

    /// <summary>
    /// Called when the journal rejected an event (nothing of its write was stored). The actor is
    /// stopped afterwards: our journals reject only a write that breaks the sequence. The default logs.
    /// </summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Log.LogError(cause, "Rejected to persist event type {EventType} with sequence nr {SequenceNr} for persistence id {PersistenceId}; stopping",
            @event.GetType().Name, sequenceNr, persistenceId);
    }

    private void Enqueue<TEvent>(IReadOnlyList<TEvent> events, Action<TEvent> handler, bool stashing) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        EnsureProcessing("persist");
        if (events.Count == 0)
            return;
        var records = new Persistent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var @event = events[i] ?? throw new ArgumentNullException(nameof(events), "an event must not be null");
            var (manifest, payload) = persistence.Serialization.Serialize(@event);
            records[i] = new Persistent(persistenceId!, currentSequenceNr + 1 + i, manifest, payload);
        }
        currentSequenceNr += records.Length;
        eventBatch.Add(new AtomicWrite(records));
        eventBatchSenders.Add(Sender);
        foreach (var @event in events)
            unsentInvocations.Add(new Invocation(@event, e => handler((TEvent)e), stashing, IsTruncate: false));
    }

    private void EnsureProcessing(string operation)
    {
        if (phase != Phase.Processing)
            throw new InvalidOperationException(
                $"cannot {operation} while {(IsRecovering ? "recovering" : "stopping")}: persistent actor '{persistenceId}' handles commands only after recovery");
    }

    /// <summary>Sends the current command's events as one journal request; their handlers now await replies.</summary>
    private void FlushBatch()
    {
        if (eventBatch.Count > 0)
        {
            persistence.Journal.Tell(new WriteMessages([.. eventBatch], [.. eventBatchSenders], Self, instanceId), Self);
            eventBatch.Clear();
            eventBatchSenders.Clear();
        }
        foreach (var invocation in unsentInvocations)
        {
            pendingInvocations.Enqueue(invocation);
            if (invocation.Stashing)
                pendingStashingInvocations++;
        }
        unsentInvocations.Clear();
    }

    /// <summary>A handler threw: the events it persisted are never sent, and their numbers are free again.</summary>
    private void DiscardUnsentEvents()
    {
        currentSequenceNr -= eventBatch.Sum(write => write.Count);
        eventBatch.Clear();
        eventBatchSenders.Clear();
        unsentInvocations.Clear();
    }

    private Invocation NextPending(bool truncate)
    {
        if (!pendingInvocations.TryDequeue(out var invocation) || invocation.IsTruncate != truncate)
            throw new InvalidOperationException(
                $"persistent actor '{persistenceId}' got a journal reply it was not waiting for (the journal broke reply order)");
        if (invocation.Stashing)
            pendingStashingInvocations--;
        return invocation;
    }

    private void OnWriteSuccess(WriteMessageSuccess success)
    {
        var invocation = NextPending(truncate: false);
        LastSequenceNr = success.Persistent.SequenceNr;
        try
        {
            invocation.Handler!(invocation.Event!);
        }
        catch
        {
            DiscardUnsentEvents();
            throw;
        }
        FlushBatch();
        UnstashWhenIdle();
    }

    private void OnWriteRejected(WriteMessageRejected rejected)
    {
        var invocation = NextPending(truncate: false);
        StopAfter(() => OnPersistRejected(rejected.Cause, invocation.Event!, rejected.Persistent.SequenceNr));
    }

    private void OnWriteFailure(WriteMessageFailure failure)
    {
        var invocation = NextPending(truncate: false);
        StopAfter(() => OnPersistFailure(failure.Cause, invocation.Event!, failure.Persistent.SequenceNr));
    }

    private void StopAfter(Action hook)
    {
        phase = Phase.Stopped;
        try
        {
            hook();
        }
        finally
        {
            Context.Stop(Self);
        }
    }

    private void UnstashWhenIdle()
    {
        if (pendingStashingInvocations == 0 && phase == Phase.Processing)
            stash.UnstashAllInternally();
    }

    /// <summary>A handler awaiting its journal reply: a persisted event's, or a truncate's (no event).</summary>
    private sealed record Invocation(object? Event, Action<object>? Handler, bool Stashing, bool IsTruncate);
}
