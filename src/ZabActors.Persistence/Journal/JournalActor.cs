using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using static ZabActors.Persistence.Journal.JournalProtocol;

namespace ZabActors.Persistence.Journal;

/// <summary>
/// Runs one journal plugin behind a mailbox for every persistent actor of a system (Akka's
/// journal actor): it starts the plugin's asynchronous calls and pipes their outcomes back into
/// its own mailbox, then answers the persistent actors.
/// </summary>
/// <remarks>
/// <para>Writes, deletes and truncates are answered in the order they arrived even when their
/// tasks complete in another order (continuations of different batches may race on the thread
/// pool), as Akka's <c>AsyncWriteJournal</c> resequences its replies; a persistent actor relies on
/// that order to match replies with its pending handlers.</para>
/// <para>Replays are not resequenced: their records stream straight to the recovering actor,
/// and the <see cref="RecoverySuccess"/> follows the last of them.</para>
/// <para>The actor disposes the plugin when it stops, if it owns it.</para>
/// </remarks>
internal sealed class JournalActor : ReceiveActor
{
    private readonly IAsyncWriteJournal journal;
    private readonly bool ownsJournal;
    private readonly SortedDictionary<long, Action> completedOutOfOrder = [];
    private long nextRequestNr;
    private long nextReplyNr;

    public JournalActor(IAsyncWriteJournal journal, bool ownsJournal)
    {
        this.journal = journal;
        this.ownsJournal = ownsJournal;
        Receive<WriteMessages>(Write);
        Receive<ReplayMessages>(Replay);
        Receive<DeleteMessagesTo>(Delete);
        Receive<TruncateMessagesAfter>(Truncate);
        Receive<Completed>(OnCompleted);
    }

    public static Props Props(IAsyncWriteJournal journal, bool ownsJournal) =>
        Actors.Props.Create(() => new JournalActor(journal, ownsJournal));

    protected override void PostStop()
    {
        if (!ownsJournal)
            return;
        try
        {
            // Durable journals finish their queued writes here; the memory journal flushes.
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Log.LogError(e, "Closing journal {Journal} failed", journal.GetType().Name);
        }
    }

    private void Write(WriteMessages request)
    {
        Start(() => journal.WriteMessagesAsync(request.Writes),
            results => ReplyWrites(request, results, null),
            failure => ReplyWrites(request, null, failure));
    }

    private void Delete(DeleteMessagesTo request)
    {
        var actor = request.PersistentActor;
        Start(async () =>
            {
                await journal.DeleteMessagesToAsync(request.PersistenceId, request.ToSequenceNr).ConfigureAwait(false);
                return true;
            },
            _ => actor.Tell(new DeleteMessagesSuccess(request.ToSequenceNr), Self),
            failure => actor.Tell(new DeleteMessagesFailure(failure, request.ToSequenceNr), Self));
    }

    private void Truncate(TruncateMessagesAfter request)
    {
        var actor = request.PersistentActor;
        var instance = request.ActorInstanceId;
        Start(async () =>
            {
                await journal.TruncateAfterAsync(request.PersistenceId, request.SequenceNr).ConfigureAwait(false);
                return true;
            },
            _ => actor.Tell(new TruncateResult(new TruncateMessagesSuccess(request.SequenceNr), instance), request.Sender),
            failure => actor.Tell(new TruncateResult(new TruncateMessagesFailure(failure, request.SequenceNr), instance), request.Sender));
    }

    /// <summary>Starts a plugin call and pipes its outcome back as a numbered <see cref="Completed"/>.</summary>
    private void Start<T>(Func<Task<T>> call, Action<T> onSuccess, Action<Exception> onFailure)
    {
        var requestNr = nextRequestNr++;
        Task<T> task;
        try
        {
            task = call();
        }
        catch (Exception e)
        {
            task = Task.FromException<T>(e);
        }
        task.PipeTo(Self, Self,
            result => new Completed(requestNr, () => onSuccess(result)),
            failure => new Completed(requestNr, () => onFailure(failure)));
    }

    private void OnCompleted(Completed completed)
    {
        completedOutOfOrder.Add(completed.RequestNr, completed.Reply);
        while (completedOutOfOrder.Remove(nextReplyNr, out var reply))
        {
            nextReplyNr++;
            reply();
        }
    }

    private static void ReplyWrites(WriteMessages request, IReadOnlyList<Exception?>? results, Exception? failure)
    {
        var instance = request.ActorInstanceId;
        if (failure is null && results!.Count != request.Writes.Count)
            failure = new InvalidOperationException($"the journal answered {results.Count} results for {request.Writes.Count} writes");
        for (var i = 0; i < request.Writes.Count; i++)
        {
            var rejection = failure is null ? results![i] : null;
            foreach (var record in request.Writes[i].Payload)
            {
                object reply = failure is not null ? new WriteMessageFailure(record, failure, instance)
                    : rejection is not null ? new WriteMessageRejected(record, rejection, instance)
                    : new WriteMessageSuccess(record, instance);
                request.PersistentActor.Tell(reply, request.Senders[i]);
            }
        }
    }

    private void Replay(ReplayMessages request)
    {
        var self = Self;
        _ = ReplayAsync(journal, request, self);
    }

    /// <summary>
    /// Reads the highest sequence nr first and replays no further, as Akka does, so the replay and
    /// the reported highest agree. Completes synchronously when the plugin does (memory journal).
    /// </summary>
    private static async Task ReplayAsync(IAsyncWriteJournal journal, ReplayMessages request, IActorRef self)
    {
        var actor = request.PersistentActor;
        var instance = request.ActorInstanceId;
        try
        {
            var highest = await journal.ReadHighestSequenceNrAsync(request.PersistenceId, request.From).ConfigureAwait(false);
            var to = Math.Min(request.To, highest);
            if (to >= request.From && request.Max > 0)
                await journal.ReplayMessagesAsync(request.PersistenceId, request.From, to, request.Max,
                    record => actor.Tell(new ReplayedMessage(record, instance), self)).ConfigureAwait(false);
            actor.Tell(new RecoverySuccess(highest, instance), self);
        }
        catch (Exception e)
        {
            actor.Tell(new ReplayMessagesFailure(e, instance), self);
        }
    }

    /// <summary>A plugin call finished; <see cref="Reply"/> answers its requester once every earlier request was answered.</summary>
    private sealed record Completed(long RequestNr, Action Reply);
}
