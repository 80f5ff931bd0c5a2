using ZabActors.ZooKeeper.Data;

namespace ZabActors.Client.Recipes;

/// <summary>
/// The shared core of the lock and latch recipes: each contender holds an ephemeral sequential node
/// under one parent, the lowest sequence number wins, and the others each watch only their
/// predecessor (no herd effect). Node names carry a per-contender GUID ("protected" names, as Curator
/// does) so that a create whose reply was lost to a connection loss is found again instead of leaking
/// a second node.
/// </summary>
internal sealed class SequentialContenders(ZooKeeperClient client, string parent, string prefix)
{
    private readonly string guid = Guid.NewGuid().ToString("N");

    public string? OwnPath { get; private set; }

    /// <summary>Creates this contender's node (once), recovering it after a lost reply.</summary>
    public async Task<string> EnsureNodeAsync(byte[]? data, CancellationToken cancel)
    {
        if (OwnPath is not null)
        {
            return OwnPath;
        }
        await EnsureParentAsync(cancel);
        var name = $"_c_{guid}-{prefix}";
        while (true)
        {
            try
            {
                OwnPath = await client.CreateAsync($"{parent}/{name}", data, CreateMode.EphemeralSequential, cancel: cancel);
                return OwnPath;
            }
            catch (KeeperException e) when (e.Code == ErrorCode.ConnectionLoss)
            {
                var children = await client.GetChildrenAsync(parent, cancel: cancel);
                var mine = children.FirstOrDefault(c => c.StartsWith(name, StringComparison.Ordinal));
                if (mine is not null)
                {
                    OwnPath = $"{parent}/{mine}";
                    return OwnPath;
                }
            }
        }
    }

    /// <summary>The contender just ahead of ours, or null when ours is first (we win).</summary>
    public async Task<string?> PredecessorAsync(CancellationToken cancel)
    {
        var own = OwnPath ?? throw new InvalidOperationException("no node yet");
        var ordered = (await client.GetChildrenAsync(parent, cancel: cancel)).OrderBy(Sequence).ThenBy(c => c, StringComparer.Ordinal).ToList();
        var index = ordered.IndexOf(own[(parent.Length + 1)..]);
        if (index < 0)
        {
            // Our ephemeral is gone (the session expired): the caller must start over.
            OwnPath = null;
            throw new KeeperException(ErrorCode.NoNode, own, "this contender's node disappeared");
        }
        return index == 0 ? null : $"{parent}/{ordered[index - 1]}";
    }

    /// <summary>Waits until <paramref name="path"/> is deleted (or is already gone).</summary>
    public async Task WaitForDeletionAsync(string path, CancellationToken cancel)
    {
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stat = await client.ExistsAsync(path, e =>
        {
            if (e.Type is ZooKeeper.Watches.EventType.NodeDeleted or ZooKeeper.Watches.EventType.None)
            {
                gone.TrySetResult();
            }
        }, cancel);
        if (stat is null)
        {
            return;
        }
        await gone.Task.WaitAsync(cancel);
    }

    public async Task DeleteOwnAsync(CancellationToken cancel)
    {
        if (OwnPath is { } own)
        {
            try
            {
                await client.DeleteAsync(own, cancel: cancel);
            }
            catch (KeeperException e) when (e.Code == ErrorCode.NoNode)
            {
                // Already gone with its session.
            }
            OwnPath = null;
        }
    }

    private async Task EnsureParentAsync(CancellationToken cancel)
    {
        var path = "";
        foreach (var segment in parent.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path += "/" + segment;
            try
            {
                await client.CreateAsync(path, [], cancel: cancel);
            }
            catch (KeeperException e) when (e.Code == ErrorCode.NodeExists)
            {
            }
        }
    }

    private static long Sequence(string name) =>
        name.Length >= 10 && long.TryParse(name[^10..], out var n) ? n : long.MaxValue;
}
