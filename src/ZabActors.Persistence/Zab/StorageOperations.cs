namespace ZabActors.Persistence.Zab;

/// <summary>
/// Runs the plugin calls of one storage component (txn log, epoch store) synchronously and
/// remembers the first failure: after it, what is durable is unknown, so the component refuses
/// further work until the peer reopens its storage and reads back the truth.
/// </summary>
internal sealed class StorageOperations(string owner, TimeSpan timeout)
{
    private Exception? failure;

    public bool HasFailed => failure is not null;

    public T Run<T>(Func<Task<T>> call, string operation)
    {
        try
        {
            return StorageWait.Result(call, timeout, operation);
        }
        catch (Exception e)
        {
            throw Fail(e, operation);
        }
    }

    public void Run(Func<Task> call, string operation)
    {
        try
        {
            StorageWait.Complete(call, timeout, operation);
        }
        catch (Exception e)
        {
            throw Fail(e, operation);
        }
    }

    /// <summary>Records the failure and returns the exception to throw, naming the component and operation.</summary>
    public PeerStorageException Fail(Exception cause, string operation)
    {
        failure ??= cause;
        return cause as PeerStorageException ?? new PeerStorageException($"{owner}: {operation} failed: {cause.Message}", cause);
    }

    public void ThrowIfFailed()
    {
        if (failure is not null)
            throw new PeerStorageException(
                $"{owner} failed earlier ({failure.Message}); reopen the peer's storage to read back what is durable", failure);
    }
}
