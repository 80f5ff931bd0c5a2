namespace ZabActors.Persistence.Zab;

/// <summary>
/// Blocks the calling thread until a plugin call completes, within a bound. The ZAB storage
/// interfaces are synchronous; their caller (the peer's TxnLogActor) runs on a thread of its own.
/// </summary>
/// <remarks>
/// Waiting cannot deadlock the group-commit writers of the durable journals: a writer runs on its
/// own thread and completes the caller's task from there, and a blocked wait is woken directly,
/// not through the thread pool. SQLite replays run on the thread pool (the waiting thread may run
/// one inline), so a caller on a pool thread only delays them when the pool is starved; that is
/// why the TxnLogActor belongs on a pinned dispatcher.
/// </remarks>
internal static class StorageWait
{
    public static T Result<T>(Func<Task<T>> start, TimeSpan timeout, string operation)
    {
        var task = start();
        Wait(task, timeout, operation);
        return task.GetAwaiter().GetResult();
    }

    public static void Complete(Func<Task> start, TimeSpan timeout, string operation)
    {
        var task = start();
        Wait(task, timeout, operation);
        task.GetAwaiter().GetResult();
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
            throw new TimeoutException($"{operation} did not complete within {timeout.TotalSeconds:0.###}s");
    }
}
