using ZabActors.ZooKeeper.Data;

namespace ZabActors.Client.Recipes;

/// <summary>
/// ZooKeeper's double barrier recipe: <see cref="EnterAsync"/> returns once <c>size</c> participants
/// have entered, <see cref="LeaveAsync"/> once all of them have left. Participants are ephemeral
/// children of the barrier node; the last to enter creates a "ready" node the others watch for.
/// </summary>
public sealed class DoubleBarrier(ZooKeeperClient client, string path, int size)
{
    private readonly string name = Guid.NewGuid().ToString("N");

    private string ReadyPath => $"{path}/ready";

    public async Task EnterAsync(CancellationToken cancel = default)
    {
        await EnsureAsync(path, cancel);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.ExistsAsync(ReadyPath, e =>
        {
            if (e.Type == ZooKeeper.Watches.EventType.NodeCreated)
            {
                ready.TrySetResult();
            }
        }, cancel);
        await client.CreateAsync($"{path}/{name}", [], CreateMode.Ephemeral, cancel: cancel);
        var children = await client.GetChildrenAsync(path, cancel: cancel);
        if (children.Count(c => c != "ready") >= size)
        {
            await EnsureAsync(ReadyPath, cancel);
            return;
        }
        if (await client.ExistsAsync(ReadyPath, cancel: cancel) is not null)
        {
            return;
        }
        await ready.Task.WaitAsync(cancel);
    }

    public async Task LeaveAsync(CancellationToken cancel = default)
    {
        await client.DeleteAsync($"{path}/{name}", cancel: cancel);
        while (true)
        {
            var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var others = (await client.GetChildrenAsync(path, _ => gone.TrySetResult(), cancel)).Where(c => c != "ready").ToList();
            if (others.Count == 0)
            {
                return;
            }
            await gone.Task.WaitAsync(cancel);
        }
    }

    private async Task EnsureAsync(string node, CancellationToken cancel)
    {
        try
        {
            await client.CreateAsync(node, [], cancel: cancel);
        }
        catch (KeeperException e) when (e.Code == ErrorCode.NodeExists)
        {
        }
    }
}
