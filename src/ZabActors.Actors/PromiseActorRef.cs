namespace ZabActors.Actors;

/// <summary>
/// The temporary ref behind one Ask, registered under <c>/temp</c>: the first reply completes the
/// task (a <see cref="Status.Failure"/> faults it), later replies become dead letters. Under a
/// deterministic runtime the completion is posted as a runtime step, so continuations run on the
/// driving thread outside any actor and never on the thread pool.
/// </summary>
internal sealed class PromiseActorRef<T> : SystemMinimalActorRef
{
    private readonly TaskCompletionSource<T> _promise;
    private readonly string _target;
    private ICancelable? _timeout;
    private CancellationTokenRegistration _cancellation;
    private int _completed;

    public PromiseActorRef(ActorSystem system, ActorPath path, string target) : base(system, path)
    {
        _target = target;
        _promise = new TaskCompletionSource<T>(
            system.Runtime is null ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
    }

    public override bool IsTerminated => Volatile.Read(ref _completed) != 0;

    public Task<T> Task => _promise.Task;

    public void Arm(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timeout = System.Scheduler.ScheduleOnce(timeout, () => Complete(p => p.TrySetException(
                new AskTimeoutException($"Ask timed out on {_target} after {timeout.TotalMilliseconds:0} ms"))));
        }
        if (cancellationToken.CanBeCanceled)
            _cancellation = cancellationToken.Register(() => Complete(p => p.TrySetCanceled(cancellationToken)));
    }

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new InvalidMessageException("message must not be null");
        if (!Complete(p => Deliver(p, message))) System.PublishDeadLetter(message, sender, this);
    }

    private static void Deliver(TaskCompletionSource<T> promise, object message)
    {
        switch (message)
        {
            case Status.Failure failure:
                promise.TrySetException(failure.Cause);
                break;
            case T reply:
                promise.TrySetResult(reply);
                break;
            default:
                promise.TrySetException(new InvalidCastException(
                    $"Ask expected a reply of type {typeof(T).Name} but got {message.GetType().Name}: {message}"));
                break;
        }
    }

    private bool Complete(Action<TaskCompletionSource<T>> complete)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return false;
        _timeout?.Cancel();
        _cancellation.Dispose();
        System.Provider.UnregisterTempActor(Path);
        if (System.Runtime is { } runtime) runtime.Post(() => complete(_promise));
        else complete(_promise);
        return true;
    }
}
