using Xunit.Abstractions;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>Three voters and an observer on one deterministic runtime: elect, replicate, lose the leader, recover.</summary>
public sealed class EndToEndSpec(ITestOutputHelper output) : TestKit(TestKitOptions.VirtualTime(seed: 11), output)
{
    private const long Observer = 4;

    [Fact]
    public void Ensemble_commits_a_thousand_writes_everywhere_in_one_order_and_survives_losing_its_leader()
    {
        var ensemble = new TestEnsemble(this, 3, Observer);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        Assert.NotEqual(Observer, leader);

        // Clients write through every peer, the observer included; followers forward to the leader.
        var clients = ensemble.Peers.Keys.ToDictionary(sid => sid, sid => CreateTestProbe($"client-{sid}"));
        var id = 0;
        foreach (var (sid, client) in clients)
        {
            ensemble.Submit(client, sid, id + 1, 250);
            id += 250;
        }
        foreach (var client in clients.Values)
        {
            Assert.All(client.ReceiveN(250, TimeSpan.FromSeconds(60)), reply => Assert.IsType<WriteCommitted>(reply));
        }
        Runtime.Advance(TimeSpan.FromMilliseconds(200));
        var sequence = ensemble.Delivered(leader);
        Assert.Equal(1000, sequence.Count);
        Assert.Equal(sequence.Select(t => t.Zxid).Order(), sequence.Select(t => t.Zxid));
        Assert.All(ensemble.Peers.Keys, sid => Assert.Equal(sequence, ensemble.Delivered(sid)));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => $"write-{i}").Order(), ensemble.State(leader).Order());

        // Kill the leader mid-stream: acknowledged writes must survive, whatever happens to the others.
        var survivor = ensemble.Peers.Keys.First(sid => sid != leader && sid != Observer);
        var writer = CreateTestProbe("writer");
        ensemble.Submit(writer, survivor, 1001, 100);
        Runtime.RunUntil(() => ensemble.Delivered(survivor).Count > 1020, TimeSpan.FromSeconds(5));
        ensemble.Crash(leader);
        var acked = writer.ReceiveN(100, TimeSpan.FromSeconds(60)).OfType<WriteCommitted>().Select(c => c.RequestId).ToList();

        var newLeader = ensemble.AwaitSettled(TimeSpan.FromSeconds(30));
        Assert.NotEqual(leader, newLeader);
        ensemble.Commit(writer, Observer, 2001, 50);
        ensemble.Start(leader);
        Assert.Equal(newLeader, ensemble.AwaitSettled(TimeSpan.FromSeconds(30)));
        ensemble.Commit(writer, leader, 3001, 10);
        Runtime.Advance(TimeSpan.FromMilliseconds(200));

        var final = ensemble.State(newLeader);
        Assert.All(ensemble.Peers.Keys, sid => Assert.Equal(final, ensemble.State(sid)));
        Assert.All(acked, requestId => Assert.Contains($"write-{requestId}", final));
        Assert.Equal(final.Count, final.Distinct().Count());
        Assert.Contains("write-2050", final);
        Assert.Contains("write-3010", final);
        // A write that failed when the leader died may still have committed (as a ZooKeeper connection loss).
        Assert.InRange(final.Count, 1000 + acked.Count + 60, 1000 + 100 + 60);
    }
}
