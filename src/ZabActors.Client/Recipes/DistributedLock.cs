namespace ZabActors.Client.Recipes;

/// <summary>
/// ZooKeeper's lock recipe: a mutual-exclusion lock held by at most one session at a time, granted
/// in request order. The holder's node is ephemeral, so a holder whose session expires loses the lock
/// (subscribe to <see cref="ZooKeeperClient.StateChanged"/> to learn it). <see cref="FencingToken"/> is
/// the lock node's creation zxid: it grows with every grant, so a store can refuse a stale holder.
/// </summary>
public sealed class DistributedLock(ZooKeeperClient client, string path)
{
    private readonly SequentialContenders contenders = new(client, path, "lock-");

    public bool IsHeld { get; private set; }

    /// <summary>The zxid that created the holder's node, valid while <see cref="IsHeld"/>.</summary>
    public long FencingToken { get; private set; }

    /// <summary>Waits until this lock is held (or <paramref name="cancel"/> fires, in which case our place is given up).</summary>
    public async Task AcquireAsync(CancellationToken cancel = default)
    {
        if (IsHeld)
        {
            return;
        }
        try
        {
            var own = await contenders.EnsureNodeAsync([], cancel);
            while (await contenders.PredecessorAsync(cancel) is { } predecessor)
            {
                await contenders.WaitForDeletionAsync(predecessor, cancel);
            }
            FencingToken = (await client.ExistsAsync(own, cancel: cancel))?.Czxid
                ?? throw new KeeperException(ZooKeeper.Data.ErrorCode.NoNode, own, "the lock node vanished while acquiring");
            IsHeld = true;
        }
        catch (OperationCanceledException)
        {
            await contenders.DeleteOwnAsync(CancellationToken.None);
            throw;
        }
    }

    public async Task ReleaseAsync(CancellationToken cancel = default)
    {
        IsHeld = false;
        FencingToken = 0;
        await contenders.DeleteOwnAsync(cancel);
    }
}
