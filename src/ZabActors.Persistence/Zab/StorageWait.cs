namespace ZabActors.Persistence.Zab;

/// <summary>
/// Blocks the calling thread until a plugin call completes, within a bound. The ZAB storage
/// interfaces are synchronous; their caller (the peer's TxnLogActor) runs on a thread of its own.
/// </summary>
/// <remarks>
/// <para>Waiting cannot deadlock the group-commit writers of the durable journals: a writer runs
/// on its own thread and completes the caller's task from there, and a blocked wait is woken
/// directly, not through the thread pool.</para>
/// <para>The plugin call starts with no synchronization context, so no continuation inside the
/// plugin is posted back to a context that needs this (blocked) thread, such as an actor's.
/// Continuations then run on the thread pool (PostgreSQL reads; SQLite reads run there too, or
/// inline on a pool caller). A caller on a pool thread therefore only waits longer when the pool
/// is starved, never forever; the TxnLogActor still belongs on a pinned dispatcher.</para>
/// </remarks>
internal static class StorageWait
{
    public static T Result<T>(Func<Task<T>> start, TimeSpan timeout, string operation)
    {
        var task = WithoutContext(start);
        Wait(task, timeout, operation);
        return task.GetAwaiter().GetResult();
    }

    public static void Complete(Func<Task> start, TimeSpan timeout, string operation)
    {
        var task = WithoutContext(start);
        Wait(task, timeout, operation);
        task.GetAwaiter().GetResult();
    }

    private static TTask WithoutContext<TTask>(Func<TTask> start) where TTask : Task
    {
        var context = SynchronizationContext.Current;
        if (context is null)
            return start();
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return start();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private static void Wait(Task task, TimeSpan timeout, string operation)
    {
        bool completed;
        try
        {
            completed = task.Wait(timeout);
        }
        catch (AggregateException)
        {
            completed = true; // GetResult rethrows the original exception
        }
        if (!completed)
            throw new TimeoutException($"the store did not answer within {timeout.TotalSeconds:0.###}s ({operation})");
    }
}
