namespace ZabActors.Client.Recipes;

/// <summary>
/// ZooKeeper's leader election recipe (Curator's LeaderLatch): every participant holds an ephemeral
/// sequential node; the lowest is the leader. A participant that is not leading watches only its
/// predecessor and re-checks when it goes. <see cref="LeadershipChanged"/> reports gains and losses.
/// </summary>
public sealed class LeaderLatch(ZooKeeperClient client, string path, string participantId)
{
    private readonly SequentialContenders contenders = new(client, path, "latch-");
    private readonly CancellationTokenSource stop = new();
    private Task? running;

    public bool IsLeader { get; private set; }

    public event Action<bool>? LeadershipChanged;

    /// <summary>Joins the election; returns once this participant's node exists.</summary>
    public async Task StartAsync(CancellationToken cancel = default)
    {
        await contenders.EnsureNodeAsync(System.Text.Encoding.UTF8.GetBytes(participantId), cancel);
        running = Task.Run(() => RunAsync(stop.Token), CancellationToken.None);
    }

    /// <summary>Waits until this participant leads.</summary>
    public async Task AwaitLeadershipAsync(CancellationToken cancel = default)
    {
        while (!IsLeader)
        {
            await Task.Delay(20, cancel);
        }
    }

    /// <summary>Leaves the election (giving up leadership if held).</summary>
    public async Task CloseAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        SetLeader(false);
        await contenders.DeleteOwnAsync(CancellationToken.None);
    }

    private async Task RunAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await contenders.EnsureNodeAsync(System.Text.Encoding.UTF8.GetBytes(participantId), cancel);
                if (await contenders.PredecessorAsync(cancel) is { } predecessor)
                {
                    SetLeader(false);
                    await contenders.WaitForDeletionAsync(predecessor, cancel);
                }
                else
                {
                    SetLeader(true);
                    await contenders.WaitForDeletionAsync(contenders.OwnPath!, cancel);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (KeeperException)
            {
                SetLeader(false);
                await Task.Delay(100, cancel).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void SetLeader(bool leader)
    {
        if (IsLeader != leader)
        {
            IsLeader = leader;
            LeadershipChanged?.Invoke(leader);
        }
    }
}
