using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>
/// The same tree on the real thread-pool runtime, where actors really run concurrently: a check that
/// nothing relies on the deterministic runtime's one-at-a-time scheduling. It waits on messages, never sleeps.
/// </summary>
public sealed class ThreadPoolSpec() : TestKit(TestKitOptions.Default with { DefaultTimeout = TimeSpan.FromSeconds(20) })
{
    [Fact]
    public void Three_peers_on_the_thread_pool_elect_and_commit_pipelined_writes_in_one_order()
    {
        var network = new InProcessQuorumNetwork();
        var servers = TestTiming.Servers(3);
        var machines = new Dictionary<long, ListStateMachine>();
        var established = CreateTestProbe("established");
        Sys.EventStream.Subscribe(established.Ref, typeof(LeaderEstablishedEvent));
        var peers = servers.ToDictionary(s => s.Id, s => Sys.ActorOf(QuorumPeerActor.Props(
            new QuorumPeerSettings(s.Id, servers, TestTiming.Timing), new InMemoryPeerStorage(), network,
            () => { var m = new ListStateMachine(); lock (machines) { machines[s.Id] = m; } return m; }), $"peer{s.Id}"));
        var leader = established.ExpectMsg<LeaderEstablishedEvent>().Sid;

        var client = CreateTestProbe("client");
        var follower = peers.Keys.First(sid => sid != leader);
        var statuses = CreateTestProbe("status");
        // Followers reach UPTODATE right after the leader is established; wait until this one serves.
        AwaitAssert(() =>
        {
            statuses.Send(peers[follower], GetPeerStatus.Instance);
            Assert.Equal(1, statuses.ExpectMsg<PeerStatus>().CurrentEpoch);
        });
        for (var i = 1; i <= 200; i++)
        {
            client.Send(peers[i % 2 == 0 ? leader : follower], new ClientWrite(i, TestEnsemble.Payload(i)));
        }
        var commits = client.ReceiveN(200).Cast<WriteCommitted>().ToList();
        Assert.Equal(200, commits.Select(c => c.RequestId).Distinct().Count());

        AwaitAssert(() =>
        {
            foreach (var sid in peers.Keys)
            {
                statuses.Send(peers[sid], GetPeerStatus.Instance);
                Assert.Equal(commits.Max(c => c.Zxid), statuses.ExpectMsg<PeerStatus>().LastAppliedZxid);
            }
        });
        foreach (var peer in peers.Values)
        {
            Watch(peer);
            Sys.Stop(peer);
            ExpectTerminated(peer);
        }
        lock (machines)
        {
            var order = machines[leader].Applied.ToList();
            Assert.Equal(200, order.Count);
            Assert.All(machines.Values, m => Assert.Equal(order, m.Applied));
        }
    }
}
