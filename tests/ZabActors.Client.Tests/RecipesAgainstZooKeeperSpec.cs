using System.Collections.Concurrent;
using ZabActors.Client.Recipes;

namespace ZabActors.Client.Tests;

/// <summary>The lock, leader latch and double barrier recipes, with several sessions contending on Apache ZooKeeper.</summary>
[Collection(ApacheZooKeeperCollection.Name)]
public sealed class RecipesAgainstZooKeeperSpec(ApacheZooKeeper zookeeper) : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly string root = $"/r{Guid.NewGuid():N}";
    private readonly List<ZooKeeperClient> clients = [];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 4; i++)
        {
            clients.Add(await ZooKeeperClient.ConnectAsync(zookeeper.ConnectString));
        }
        await clients[0].CreateAsync(root, []);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.CloseAsync();
        }
    }

    [Fact]
    public async Task The_lock_is_held_by_one_session_at_a_time_with_growing_fencing_tokens()
    {
        var holders = 0;
        var maxHolders = 0;
        var tokens = new ConcurrentQueue<long>();
        var workers = clients.Select(async client =>
        {
            var mutex = new DistributedLock(client, $"{root}/lock");
            for (var i = 0; i < 5; i++)
            {
                await mutex.AcquireAsync();
                var now = Interlocked.Increment(ref holders);
                InterlockedMax(ref maxHolders, now);
                tokens.Enqueue(mutex.FencingToken);
                await Task.Delay(5);
                Interlocked.Decrement(ref holders);
                await mutex.ReleaseAsync();
            }
        });

        await Task.WhenAll(workers).WaitAsync(Limit);

        Assert.Equal(1, maxHolders);
        Assert.Equal(20, tokens.Count);
        Assert.Equal(tokens.ToArray(), tokens.Order().ToArray());
        Assert.Equal(20, tokens.Distinct().Count());
    }

    [Fact]
    public async Task A_closed_session_gives_up_the_lock()
    {
        var doomed = await ZooKeeperClient.ConnectAsync(zookeeper.ConnectString);
        var first = new DistributedLock(doomed, $"{root}/lock2");
        await first.AcquireAsync();
        var second = new DistributedLock(clients[1], $"{root}/lock2");
        var waiting = second.AcquireAsync();
        // Once the second contender's node exists it can only wait behind the holder's.
        while ((await clients[2].GetChildrenAsync($"{root}/lock2")).Count < 2)
        {
            await clients[2].SyncAsync($"{root}/lock2");
        }
        Assert.False(waiting.IsCompleted);

        await doomed.CloseAsync();

        await waiting.WaitAsync(Limit);
        Assert.True(second.IsHeld);
        Assert.True(second.FencingToken > first.FencingToken);
    }

    [Fact]
    public async Task One_latch_participant_leads_and_another_takes_over_when_it_leaves()
    {
        var latches = clients.Take(3).Select((c, i) => new LeaderLatch(c, $"{root}/latch", $"p{i}")).ToList();
        foreach (var latch in latches)
        {
            await latch.StartAsync();
        }
        await latches[0].AwaitLeadershipAsync().WaitAsync(Limit);
        await Task.Delay(200);
        Assert.Equal(1, latches.Count(l => l.IsLeader));

        await latches[0].CloseAsync();

        await latches[1].AwaitLeadershipAsync().WaitAsync(Limit);
        Assert.False(latches[2].IsLeader);
        await latches[1].CloseAsync();
        await latches[2].CloseAsync();
    }

    [Fact]
    public async Task Nobody_passes_the_barrier_before_everyone_entered()
    {
        var entered = 0;
        var passedEarly = false;
        var participants = clients.Take(3).Select(async (client, i) =>
        {
            await Task.Delay(i * 150);
            var barrier = new DoubleBarrier(client, $"{root}/barrier", 3);
            Interlocked.Increment(ref entered);
            await barrier.EnterAsync();
            passedEarly |= Volatile.Read(ref entered) < 3;
            await barrier.LeaveAsync();
        });

        await Task.WhenAll(participants).WaitAsync(Limit);

        Assert.False(passedEarly);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
