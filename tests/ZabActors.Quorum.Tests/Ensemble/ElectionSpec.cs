using Xunit.Abstractions;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>Whole peers in separate ActorSystems over Akka.Remote on 127.0.0.1: elections, writes, a lost leader.</summary>
public sealed class ElectionSpec(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    [Fact]
    public void Three_peers_elect_one_leader_and_commit_writes_sent_to_a_follower()
    {
        using var ensemble = RemoteEnsemble.Start(3);
        var leader = AwaitLeader(ensemble, [1, 2, 3]);
        var follower = new long[] { 1, 2, 3 }.First(sid => sid != leader);

        var client = CreateTestProbe("client");
        for (var i = 1; i <= 3; i++)
        {
            ensemble[follower].Peer.Tell(new ClientWrite(i, [(byte)i]), client.Ref);
            Assert.Equal(i, client.ExpectMsg<WriteCommitted>(TimeSpan.FromSeconds(5)).RequestId);
        }
        AwaitAssert(() =>
        {
            foreach (var sid in new long[] { 1, 2, 3 })
            {
                Assert.Equal(3, ensemble[sid].Machine.Applied.Count);
            }
        }, TimeSpan.FromSeconds(5));
        Assert.Equal(ensemble[leader].Machine.Applied, ensemble[follower].Machine.Applied);
    }

    [Fact]
    public void Five_peers_elect_again_when_the_leader_dies_and_keep_every_acknowledged_write()
    {
        using var ensemble = RemoteEnsemble.Start(5);
        long[] all = [1, 2, 3, 4, 5];
        var leader = AwaitLeader(ensemble, all);
        var client = CreateTestProbe("client");
        ensemble[leader].Peer.Tell(new ClientWrite(1, [1]), client.Ref);
        var first = client.ExpectMsg<WriteCommitted>(TimeSpan.FromSeconds(5)).Zxid;

        ensemble.Kill(leader);
        var live = all.Where(sid => sid != leader).ToArray();
        var next = AwaitLeader(ensemble, live, TimeSpan.FromSeconds(15));
        Assert.NotEqual(leader, next);
        ensemble[live.First(sid => sid != next)].Peer.Tell(new ClientWrite(2, [2]), client.Ref);
        var second = client.ExpectMsg<WriteCommitted>(TimeSpan.FromSeconds(5)).Zxid;
        Assert.True(second.Epoch > first.Epoch, $"{second} after {first}");
        AwaitAssert(() =>
        {
            foreach (var sid in live)
            {
                Assert.Equal([first, second], ensemble[sid].Machine.Applied.Select(t => t.Zxid).ToArray());
            }
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_follower_whose_transport_stops_gets_a_new_one_and_rejoins()
    {
        using var ensemble = RemoteEnsemble.Start(3);
        long[] all = [1, 2, 3];
        var leader = AwaitLeader(ensemble, all);
        var follower = all.First(sid => sid != leader);
        var transport = await ensemble[follower].System.ActorSelection($"/user/peer/{QuorumPeerActor.TransportName}")
            .ResolveOne(TimeSpan.FromSeconds(3));
        transport.Tell(Akka.Actor.PoisonPill.Instance, Akka.Actor.ActorRefs.NoSender);

        var client = CreateTestProbe("client");
        var request = 0;
        AwaitAssert(() =>
        {
            ensemble[follower].Peer.Tell(new ClientWrite(++request, [1]), client.Ref);
            client.ExpectMsg<WriteCommitted>(TimeSpan.FromSeconds(1));
        }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(200));
        var replaced = await ensemble[follower].System.ActorSelection($"/user/peer/{QuorumPeerActor.TransportName}")
            .ResolveOne(TimeSpan.FromSeconds(3));
        Assert.NotEqual(transport, replaced);
    }

    private long AwaitLeader(RemoteEnsemble ensemble, long[] live, TimeSpan? within = null)
    {
        long? leader = null;
        AwaitAssert(() =>
        {
            leader = ensemble.AgreedLeader(live);
            Assert.NotNull(leader);
            Assert.All(live, sid => Assert.Equal(ensemble[leader!.Value].Status().CurrentEpoch, ensemble[sid].Status().CurrentEpoch));
        }, within ?? TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        return leader!.Value;
    }
}
