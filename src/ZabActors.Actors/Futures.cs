namespace ZabActors.Actors;

/// <summary>Request-reply from outside or inside actors: <c>Ask</c> sends with a temporary ref as sender and awaits the first reply.</summary>
public static class Futures
{
    public static Task<object> Ask(this ICanTell target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Ask<object>(target, message, timeout, cancellationToken);

    /// <summary>
    /// Sends <paramref name="message"/> and completes with the first reply of type <typeparamref name="T"/>;
    /// faults with <see cref="AskTimeoutException"/> after <paramref name="timeout"/> (default
    /// <c>zab.actor.ask-timeout</c>, measured on the system's possibly virtual clock), with the cause of a
    /// <see cref="Status.Failure"/> reply, or with <see cref="InvalidCastException"/> for a reply of another type.
    /// </summary>
    public static Task<T> Ask<T>(this ICanTell target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(target);
        var effective = timeout ?? system.Settings.AskTimeout;
        if (effective <= TimeSpan.Zero && effective != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Ask timeout must be positive");
        var path = system.Provider.TempPath();
        var promise = new PromiseActorRef<T>(system, path, target.ToString() ?? "?");
        system.Provider.RegisterTempActor(promise, path);
        promise.Arm(effective, cancellationToken);
        target.Tell(message, promise);
        return promise.Task;
    }

    private static ActorSystem SystemOf(ICanTell target) => target switch
    {
        ActorSelection selection => selection.System,
        IInternalActorRef { Provider: var provider } => provider.System,
        _ => throw new ArgumentException($"cannot Ask {target}: it belongs to no actor system", nameof(target)),
    };
}

/// <summary>Sends the outcome of a task to an actor as a message, the way actors consume asynchronous results.</summary>
public static class PipeToSupport
{
    /// <summary>
    /// When <paramref name="task"/> completes, tells <paramref name="recipient"/> its result (or
    /// <paramref name="success"/>'s mapping of it); a failure becomes <see cref="Status.Failure"/> (or
    /// <paramref name="failure"/>'s mapping). An already completed task is delivered at once, on the
    /// calling thread; otherwise delivery runs on the thread that completes the task.
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, ICanTell recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        if (task.IsCompleted)
        {
            Deliver(task, recipient, sender, success, failure);
            return System.Threading.Tasks.Task.CompletedTask;
        }
        return task.ContinueWith(t => Deliver(t, recipient, sender, success, failure),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>As above for a task without result: success sends <paramref name="success"/>'s message or <see cref="Status.Success"/>.</summary>
    public static Task PipeTo(this Task task, ICanTell recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        if (task.IsCompleted)
        {
            Deliver(task, recipient, sender, success, failure);
            return System.Threading.Tasks.Task.CompletedTask;
        }
        return task.ContinueWith(t => Deliver(t, recipient, sender, success, failure),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void Deliver<T>(Task<T> task, ICanTell recipient, IActorRef? sender, Func<T, object>? success, Func<Exception, object>? failure)
    {
        if (!task.IsCompletedSuccessfully)
        {
            DeliverFailure(task, recipient, sender, failure);
            return;
        }
        var result = task.Result;
        recipient.Tell(success is not null ? success(result) : (object?)result ?? Status.Success.Instance, sender);
    }

    private static void Deliver(Task task, ICanTell recipient, IActorRef? sender, Func<object>? success, Func<Exception, object>? failure)
    {
        if (task.IsCompletedSuccessfully) recipient.Tell(success is not null ? success() : Status.Success.Instance, sender);
        else DeliverFailure(task, recipient, sender, failure);
    }

    private static void DeliverFailure(Task task, ICanTell recipient, IActorRef? sender, Func<Exception, object>? failure)
    {
        var error = Unwrap(task);
        recipient.Tell(failure is not null ? failure(error) : new Status.Failure(error), sender);
    }

    private static Exception Unwrap(Task task) =>
        task.Exception is { } aggregate
            ? aggregate.InnerExceptions.Count == 1 ? aggregate.InnerException! : aggregate
            : new TaskCanceledException(task);
}
