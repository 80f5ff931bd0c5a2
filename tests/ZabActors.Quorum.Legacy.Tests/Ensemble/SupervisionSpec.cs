using Xunit.Abstractions;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>A failing role actor costs the peer its role, never its place in the ensemble.</summary>
public sealed class SupervisionSpec(ITestOutputHelper output) : TestKit(TestKitOptions.VirtualTime(seed: 9), output)
{
    [Fact]
    public void A_state_machine_that_throws_sends_the_peer_back_to_LOOKING_and_it_rejoins()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var victim = ensemble.Peers.Keys.First(sid => sid != leader);
        ensemble.Machines[victim].FailNextApply = true;
        var client = CreateTestProbe("client");
        var before = ensemble.Events.Count;
        ensemble.Commit(client, leader, 1, 1);

        Assert.True(Runtime.RunUntil(
            () => ensemble.Events.Skip(before).OfType<PeerStateChanged>().Any(e => e is { State: ServerState.Looking } && e.Sid == victim),
            TimeSpan.FromSeconds(1)));
        Assert.Equal(ServerState.Leading, ensemble.LastState(leader)!.State);
        Assert.Equal(leader, ensemble.AwaitSettled());
        ensemble.Commit(client, leader, 2, 3);
        Runtime.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(ensemble.State(leader), ensemble.State(victim));
        Assert.Equal(4, ensemble.State(victim).Count);
    }
}
