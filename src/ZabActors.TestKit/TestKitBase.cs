using System.Diagnostics;
using ZabActors.Actors;

namespace ZabActors.TestKit;

/// <summary>
/// The expectation API shared by <see cref="TestKit"/> and <see cref="TestProbe"/>: one test actor
/// whose received messages the test consumes in order with ExpectMsg, FishForMessage, ReceiveN and
/// friends. Time is real or, under a deterministic runtime, virtual: then waiting means running the
/// runtime (and advancing virtual time) instead of blocking. Failures list what arrived instead.
/// </summary>
public abstract partial class TestKitBase
{
    private readonly MessageQueue _queue;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _end;
    private IActorRef? _lastSender;

    private protected TestKitBase(ActorSystem system, TimeSpan defaultTimeout, string? testActorName)
    {
        Sys = system;
        DefaultTimeout = defaultTimeout;
        _queue = new MessageQueue(system.Runtime);
        TestActor = system.ActorOf(Props.Create<ProbeActor>(_queue), testActorName);
        RunIfVirtual();
    }

    public ActorSystem Sys { get; }

    /// <summary>The actor whose messages this kit inspects; use it as the sender or target in tests.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The sender of the message consumed last.</summary>
    public IActorRef LastSender => _lastSender ?? Sys.DeadLetters;

    /// <summary>How long expectations wait when no timeout is given and no Within block applies.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>True when the system runs on a deterministic runtime and all waiting is in virtual time.</summary>
    public bool IsVirtualTime => Sys.Runtime is not null;

    /// <summary>Time left in the innermost Within block, or <see cref="DefaultTimeout"/> outside one.</summary>
    public TimeSpan RemainingOrDefault => _end is { } end ? Max(end - Now, TimeSpan.Zero) : DefaultTimeout;

    /// <summary>Time left in the innermost Within block; fails outside one.</summary>
    public TimeSpan Remaining => _end is { } end
        ? Max(end - Now, TimeSpan.Zero)
        : throw new InvalidOperationException("Remaining is only defined inside Within");

    /// <summary>Elapsed test time: virtual under a deterministic runtime, real otherwise.</summary>
    protected TimeSpan Now => Sys.Runtime?.Elapsed ?? _clock.Elapsed;

    /// <summary>Replies to the sender of the last consumed message, with the test actor as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Forwards <paramref name="message"/> to <paramref name="target"/> keeping the last sender.</summary>
    public void Forward(IActorRef target, object message) => target.Tell(message, LastSender);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the test actor as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        target.Tell(message, TestActor);
        RunIfVirtual();
    }

    /// <summary>Makes the test actor watch <paramref name="actor"/>; its Terminated then arrives like any message.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        TestActor.Tell(new ProbeActor.WatchCommand(actor), ActorRefs.NoSender);
        RunIfVirtual();
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        TestActor.Tell(new ProbeActor.UnwatchCommand(actor), ActorRefs.NoSender);
        RunIfVirtual();
        return actor;
    }

    /// <summary>Under virtual time: runs everything runnable at the current virtual instant. Does nothing in real time.</summary>
    public void RunIfVirtual()
    {
        if (Sys.Runtime is { } runtime) runtime.RunUntilIdle();
    }

    private protected bool TryReceive(TimeSpan timeout, out ReceivedMessage received)
    {
        if (!_queue.TryTake(timeout, out received)) return false;
        _lastSender = received.Sender;
        return true;
    }

    private protected IReadOnlyList<object> Queued() => _queue.Peek();

    private protected TimeSpan TimeoutOrDefault(TimeSpan? timeout) => timeout ?? RemainingOrDefault;

    private protected static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private protected static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Runs <paramref name="body"/> with a deadline <paramref name="max"/> from now, shared by nested expectations.</summary>
    private protected T WithDeadline<T>(TimeSpan max, Func<T> body)
    {
        var previous = _end;
        var end = Now + max;
        _end = previous is { } outer && outer < end ? outer : end;
        try
        {
            return body();
        }
        finally
        {
            _end = previous;
        }
    }
}
