using System.Collections.Concurrent;

namespace ZabActors.Actors;

/// <summary>
/// The queues of one actor and the state machine that schedules it on a dispatcher. Any thread may
/// post; only the thread running the mailbox dequeues. System messages have their own queue and are
/// drained before and between user messages. Status bits: Scheduled (queued on or running in the
/// dispatcher), Closed (actor dead), and a suspend count in the upper bits.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem, IRunnable
{
    private const int Scheduled = 1;
    private const int Closed = 2;
    private const int SuspendUnit = 4;

    private readonly ConcurrentQueue<Envelope> _messages = new();
    private readonly ConcurrentQueue<ISystemMessage> _systemMessages = new();
    private Queue<Envelope>? _unstashed;
    private int _systemCount;
    private int _status;
    private ActorCell _cell = null!;

    public Mailbox(MessageDispatcher dispatcher)
    {
        Dispatcher = dispatcher;
    }

    public MessageDispatcher Dispatcher { get; }

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;

    public void SetActor(ActorCell cell) => _cell = cell;

    public void Post(in Envelope envelope)
    {
        _messages.Enqueue(envelope);
        int status = Volatile.Read(ref _status);
        if (status == 0)
        {
            if (Interlocked.CompareExchange(ref _status, Scheduled, 0) == 0) Dispatcher.Schedule(this);
        }
        else if ((status & Closed) != 0)
        {
            DrainMessagesToDeadLetters();
        }
    }

    public void PostSystem(ISystemMessage message)
    {
        _systemMessages.Enqueue(message);
        Interlocked.Increment(ref _systemCount);
        while (true)
        {
            int status = Volatile.Read(ref _status);
            if ((status & Closed) != 0)
            {
                DrainSystemMessagesAfterClose();
                return;
            }
            if ((status & Scheduled) != 0) return;
            if (Interlocked.CompareExchange(ref _status, status | Scheduled, status) == status)
            {
                Dispatcher.Schedule(this);
                return;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="envelopes"/> (in order) ahead of everything else in the mailbox, including
    /// messages unstashed earlier but not processed yet; actor thread only (Unstash/UnstashAll).
    /// </summary>
    public void PrependAll(IReadOnlyList<Envelope> envelopes)
    {
        if (_unstashed is not { Count: > 0 } earlier)
        {
            _unstashed ??= new Queue<Envelope>(envelopes.Count);
            foreach (var envelope in envelopes) _unstashed.Enqueue(envelope);
            return;
        }
        var merged = new Queue<Envelope>(envelopes.Count + earlier.Count);
        foreach (var envelope in envelopes) merged.Enqueue(envelope);
        foreach (var envelope in earlier) merged.Enqueue(envelope);
        _unstashed = merged;
    }

    /// <summary>Increments the suspend count; actor thread only, so no other writer races with the running mailbox.</summary>
    public void Suspend() => Interlocked.Add(ref _status, SuspendUnit);

    public void Resume()
    {
        int after = Interlocked.Add(ref _status, -SuspendUnit);
        if (after < 0) throw new InvalidOperationException("mailbox resumed more often than suspended");
    }

    /// <summary>Marks the mailbox dead and hands everything still queued to dead letters.</summary>
    public void Close()
    {
        int status;
        do
        {
            status = Volatile.Read(ref _status);
        }
        while (Interlocked.CompareExchange(ref _status, status | Closed, status) != status);
        if (_unstashed is not null)
        {
            while (_unstashed.TryDequeue(out var envelope)) _cell.SendToDeadLetters(envelope);
        }
        DrainMessagesToDeadLetters();
        DrainSystemMessagesAfterClose();
    }

    void IThreadPoolWorkItem.Execute() => Run();

    public void Run()
    {
        var previous = ActorCell.Current;
        ActorCell.Current = _cell;
        try
        {
            if ((Volatile.Read(ref _status) & Closed) == 0)
            {
                ProcessSystemMessages();
                ProcessMessages();
            }
        }
        catch (Exception e)
        {
            _cell.ReportMailboxCrash(e);
        }
        finally
        {
            ActorCell.Current = previous;
            Interlocked.Add(ref _status, -Scheduled);
            ScheduleIfWorkRemains();
        }
    }

    private void ProcessMessages()
    {
        var cell = _cell;
        int left = Dispatcher.Throughput;
        while (_status < SuspendUnit)
        {
            Envelope envelope;
            if (_unstashed is { Count: > 0 } unstashed) envelope = unstashed.Dequeue();
            else if (!_messages.TryDequeue(out envelope)) return;
            cell.Invoke(envelope);
            if (Volatile.Read(ref _systemCount) != 0) ProcessSystemMessages();
            if (--left == 0) return;
        }
    }

    private void ProcessSystemMessages()
    {
        while ((_status & Closed) == 0 && _systemMessages.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _systemCount);
            _cell.SystemInvoke(message);
        }
    }

    private void ScheduleIfWorkRemains()
    {
        while (true)
        {
            int status = Volatile.Read(ref _status);
            if ((status & (Scheduled | Closed)) != 0) return;
            bool userWork = status < SuspendUnit && (!_messages.IsEmpty || _unstashed is { Count: > 0 });
            if (!userWork && Volatile.Read(ref _systemCount) == 0) return;
            if (Interlocked.CompareExchange(ref _status, status | Scheduled, status) == status)
            {
                Dispatcher.Schedule(this);
                return;
            }
        }
    }

    private void DrainMessagesToDeadLetters()
    {
        while (_messages.TryDequeue(out var envelope)) _cell.SendToDeadLetters(envelope);
    }

    private void DrainSystemMessagesAfterClose()
    {
        while (_systemMessages.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _systemCount);
            _cell.SystemInvokeAfterDeath(message);
        }
    }
}
