using Xunit.Abstractions;
using ZabActors.Integration.Tests.Support;
using ZabActors.Zab;

namespace ZabActors.Integration.Tests;

public sealed class ElectionTests(ITestOutputHelper output) : EnsembleTest(output)
{
    [Fact]
    public async Task Three_processes_elect_one_leader_and_every_server_applies_a_followers_writes()
    {
        var ensemble = CreateEnsemble(voters: 3);
        ensemble.StartAll();
        var leader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30));
        var statuses = await ensemble.StatusAsync(TimeSpan.FromSeconds(2));
        Assert.Single(statuses.Values, s => s!.Peer.State == ServerState.Leading);
        var follower = ensemble.Servers.First(s => s.Id != leader).Id;

        var zxids = new List<Zxid>();
        for (var i = 0; i < 10; i++)
            zxids.Add(await Write(follower, $"write {i}"));

        Assert.Equal(zxids.Order(), zxids);
        var history = await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(15));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"write {i}"), history.Select(h => h.Text));
        Assert.Equal(zxids, history.Select(h => h.Zxid));
    }

    [Fact]
    public async Task Five_voters_and_an_observer_elect_one_leader_and_the_observer_learns_every_write()
    {
        var ensemble = CreateEnsemble(voters: 5, observers: 1);
        ensemble.StartAll();
        var leader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(45));
        Assert.InRange(leader, 1, 5);
        var observer = await Status(6);
        Assert.Equal(ServerState.Observing, observer.State);
        Assert.Equal(leader, observer.LeaderSid);

        var follower = ensemble.Servers.First(s => s.Id != leader && s.Id != 6).Id;
        await Write(follower, "through a follower");
        await Write(6, "through the observer");
        await Write(leader, "through the leader");

        var history = await AwaitSameHistory([1, 2, 3, 4, 5, 6], TimeSpan.FromSeconds(20));
        Assert.Equal(["through a follower", "through the observer", "through the leader"], history.Select(h => h.Text));
    }
}
