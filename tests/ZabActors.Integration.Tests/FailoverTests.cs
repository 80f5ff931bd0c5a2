using System.Collections.Concurrent;
using System.Text;
using Xunit.Abstractions;
using ZabActors.Integration.Tests.Support;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Integration.Tests;

public sealed class FailoverTests(ITestOutputHelper output) : EnsembleTest(output)
{
    [Fact]
    public async Task Killing_the_leader_under_load_elects_a_new_one_and_loses_no_acknowledged_write()
    {
        var ensemble = CreateEnsemble(voters: 3);
        ensemble.StartAll();
        var oldLeader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30));
        var through = ensemble.Servers.First(s => s.Id != oldLeader).Id;
        var acked = new ConcurrentQueue<(string Text, Zxid Zxid)>();
        using var stop = new CancellationTokenSource();
        var load = Load(through, acked, stop.Token);

        await Eventually(() => Task.FromResult(acked.Count >= 20), TimeSpan.FromSeconds(20), "20 acknowledged writes before the crash");
        ensemble.Kill(oldLeader);
        var survivors = ensemble.Servers.Select(s => s.Id).Where(id => id != oldLeader).ToList();
        var newLeader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30), survivors);
        Assert.NotEqual(oldLeader, newLeader);
        var beforeNewEpoch = acked.Count;
        await Eventually(() => Task.FromResult(acked.Count >= beforeNewEpoch + 20), TimeSpan.FromSeconds(20), "writes committed under the new leader");
        stop.Cancel();
        await load;

        var survivorHistory = await AwaitSameHistory(survivors, TimeSpan.FromSeconds(15));
        AssertEveryAckedWriteIsIn(acked, survivorHistory);
        Assert.Contains(survivorHistory, h => h.Zxid.Epoch > acked.First().Zxid.Epoch);

        ensemble.Start(oldLeader);
        await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30), [1, 2, 3]);
        var all = await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(20));
        AssertEveryAckedWriteIsIn(acked, all);
        Assert.Equal(survivorHistory, all);
    }

    [Fact]
    public async Task A_restarted_leader_follows_the_new_one_and_catches_up()
    {
        var ensemble = CreateEnsemble(voters: 3);
        ensemble.StartAll();
        var oldLeader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30));
        var follower = ensemble.Servers.First(s => s.Id != oldLeader).Id;
        for (var i = 0; i < 5; i++)
            await Write(follower, $"epoch one #{i}");
        await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(10));

        ensemble.Kill(oldLeader);
        var survivors = ensemble.Servers.Select(s => s.Id).Where(id => id != oldLeader).ToList();
        var newLeader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30), survivors);
        for (var i = 0; i < 7; i++)
            await Write(follower, $"epoch two #{i}");

        ensemble.Start(oldLeader);
        await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30), [1, 2, 3]);
        var status = await Status(oldLeader);
        Assert.Equal(ServerState.Following, status.State);
        Assert.Equal(newLeader, status.LeaderSid);
        // The peer core reports no sync mode (DIFF/TRUNC/SNAP) as an event, so the node cannot log it; the
        // DIFF itself is covered by the Quorum and Zab tests. Here: it caught up with exactly the twelve writes.
        var history = await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(10));
        Assert.Equal(12, history.Count);
    }

    [Fact]
    public async Task Killing_every_server_at_once_loses_no_acknowledged_write()
    {
        var ensemble = CreateEnsemble(voters: 3);
        ensemble.StartAll();
        var leader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30));
        var acked = new ConcurrentQueue<(string Text, Zxid Zxid)>();
        using var stop = new CancellationTokenSource();
        var loads = ensemble.Servers.Select(s => Load(s.Id, acked, stop.Token, prefix: $"via {s.Id} ")).ToList();
        await Eventually(() => Task.FromResult(acked.Count >= 60), TimeSpan.FromSeconds(20), "60 acknowledged writes");

        foreach (var server in ensemble.Servers)
            ensemble.Kill(server.Id);
        foreach (var server in ensemble.Servers)
            await ensemble.Process(server.Id)!.WaitForExitAsync(TimeSpan.FromSeconds(5));
        stop.Cancel();
        await Task.WhenAll(loads);

        ensemble.StartAll();
        await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30), [1, 2, 3]);
        var history = await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(20));
        AssertEveryAckedWriteIsIn(acked, history);
        Output.WriteLine($"{acked.Count} acknowledged writes, {history.Count} in the recovered history (leader before the crash: {leader})");
    }

    /// <summary>Writes distinct texts through <paramref name="sid"/> one at a time until stopped, recording what was acknowledged.</summary>
    private async Task Load(long sid, ConcurrentQueue<(string, Zxid)> acked, CancellationToken stop, string prefix = "")
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var text = $"{prefix}load {i}";
            if (await Client.WriteAsync(sid, Encoding.UTF8.GetBytes(text), TimeSpan.FromSeconds(2)) is WriteCommitted committed)
                acked.Enqueue((text, committed.Zxid));
        }
    }

    private static void AssertEveryAckedWriteIsIn(IEnumerable<(string Text, Zxid Zxid)> acked, IReadOnlyList<(Zxid Zxid, string Text)> history)
    {
        var byZxid = history.ToDictionary(h => h.Zxid, h => h.Text);
        Assert.Equal(history.Count, byZxid.Count);
        var lost = acked.Where(a => !byZxid.TryGetValue(a.Zxid, out var text) || text != a.Text).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes lost, e.g. {string.Join(", ", lost.Take(5))}");
    }
}
