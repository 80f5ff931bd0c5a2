using Xunit.Abstractions;
using ZabActors.Integration.Tests.Support;
using ZabActors.Node.Admin;
using ZabActors.Zab;

namespace ZabActors.Integration.Tests;

public sealed class PartitionTests(ITestOutputHelper output) : EnsembleTest(output)
{
    [Fact]
    public async Task A_partitioned_follower_drops_out_while_the_majority_commits_and_rejoins_after_healing()
    {
        var ensemble = CreateEnsemble(voters: 3);
        ensemble.StartAll();
        var leader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30));
        var followers = ensemble.Servers.Select(s => s.Id).Where(id => id != leader).ToList();
        var (cut, other) = (followers[0], followers[1]);
        await Write(other, "before the partition");

        var others = ensemble.Servers.Select(s => s.Id).Where(id => id != cut).ToList();
        Assert.IsType<AdminAck>(await Client.AskAsync(cut, new PartitionFrom(others), TimeSpan.FromSeconds(5)));
        await Eventually(async () => (await Status(cut)).State == ServerState.Looking, TimeSpan.FromSeconds(15), $"server {cut} going LOOKING");
        for (var i = 0; i < 5; i++)
            await Write(other, $"during the partition #{i}");
        var looking = await Status(cut);
        Assert.Equal(ServerState.Looking, looking.State);
        Assert.Equal(Zxid.Make(looking.LastAppliedZxid.Epoch, 1), looking.LastAppliedZxid);

        Assert.IsType<AdminAck>(await Client.AskAsync(cut, HealPartitions.Instance, TimeSpan.FromSeconds(5)));
        Assert.Equal(leader, await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30), [1, 2, 3]));
        var history = await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(15));
        Assert.Equal(6, history.Count);
        await Write(cut, "through the healed server");
        Assert.Equal(7, (await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(15))).Count);
    }

    [Fact]
    public async Task Test_hooks_are_refused_when_off()
    {
        var ensemble = CreateEnsemble(voters: 1, extraConfig: FastTiming + "\nzab.node.test-hooks = off");
        ensemble.StartAll();
        await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30));
        var refused = Assert.IsType<AdminRefused>(await Client.AskAsync(1, HealPartitions.Instance, TimeSpan.FromSeconds(5)));
        Assert.Contains("test hooks are off", refused.Reason);
    }
}
