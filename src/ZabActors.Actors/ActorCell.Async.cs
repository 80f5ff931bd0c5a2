namespace ZabActors.Actors;

/// <summary>
/// ReceiveAsync support: while a handler's task is pending the mailbox stays suspended for user
/// messages, and its continuations arrive as system messages through <see cref="ActorSynchronizationContext"/>.
/// </summary>
internal sealed partial class ActorCell
{
    private Task? _pendingAsync;

    internal void RunAsyncHandler(Func<Task> handler)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new ActorSynchronizationContext(this, _actor, _currentMessage, _currentSender));
        Task task;
        try
        {
            task = handler();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        _pendingAsync = task;
        Mailbox.Suspend();
        task.ContinueWith(
            static (t, state) => ((ActorCell)state!).Mailbox.PostSystem(new AsyncHandlerCompleted(t)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void RunContinuation(RunContinuation continuation)
    {
        var context = continuation.Context;
        if (!ReferenceEquals(context.Actor, _actor) || _actor is null) return;
        var previous = SynchronizationContext.Current;
        _currentMessage = context.Message;
        _currentSender = context.Sender;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            _currentMessage = null;
            _currentSender = null;
        }
    }

    private void HandleAsyncCompleted(Task task)
    {
        if (!ReferenceEquals(task, _pendingAsync)) return;
        EndAsyncWait();
        if (task.Exception is { } error) HandleInvokeFailure(error.InnerExceptions.Count == 1 ? error.InnerException! : error);
        else if (task.IsCanceled) HandleInvokeFailure(new TaskCanceledException(task));
    }

    /// <summary>Lets user messages flow again; a restart also ends the wait of the old incarnation.</summary>
    private void EndAsyncWait()
    {
        if (_pendingAsync is null) return;
        _pendingAsync = null;
        Mailbox.Resume();
    }
}
