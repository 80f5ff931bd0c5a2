using Xunit.Abstractions;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>
/// A learner refused by a leader that has not started leading yet (ZooKeeper's Learner.connectToLeader
/// loop): it connects again after zab.learner.connect-retry-delay, and only within the init-limit window.
/// </summary>
public sealed class LearnerRetrySpec(ITestOutputHelper output) : PeerConversation(output)
{
    // Refusals are delivered the moment the peer connects, so each retry is seen exactly at its delay.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(2);

    [Theory]
    [InlineData(30)]
    [InlineData(100)]
    [InlineData(400)]
    public void Follower_refused_before_the_leader_leads_connects_again_after_the_retry_delay(int delayMs)
    {
        var delay = TimeSpan.FromMilliseconds(delayMs);
        StartPeer(1, voters: 3, connectRetryDelay: delay);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);
        var refused = ExpectConnect().Connection;
        Expect<FollowerInfo>(refused);

        Peer.Tell(new ConnectionClosed(refused, "server 2 is not leading"), null);
        var refusedAt = Runtime.Elapsed;
        var retry = ExpectConnect(within: delay + TimeSpan.FromSeconds(1));
        Assert.InRange(Runtime.Elapsed - refusedAt, delay, delay + Slack);
        Assert.Equal((1L, 2L), (retry.Learner, retry.Leader));
        Assert.NotEqual(refused, retry.Connection);

        // The second session is a whole one: the leader now answers and the follower syncs over it.
        Assert.Equal(new FollowerInfo(1, 0), Expect<FollowerInfo>(retry.Connection));
        Deliver(retry.Connection, 2, new LeaderInfo(1));
        Assert.Equal(new AckEpoch(0, Zxid.Zero), Expect<AckEpoch>(retry.Connection));
        Assert.Equal(ServerState.Following, Status().State);
    }

    [Fact]
    public void Follower_refused_again_and_again_gives_up_at_the_init_limit_window()
    {
        // Window: 10 ticks of 100 ms. Retries at 300, 600 and 900 ms; one at 1200 ms would be past it.
        var delay = TimeSpan.FromMilliseconds(300);
        StartPeer(1, voters: 3, connectRetryDelay: delay);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);
        var connection = ExpectConnect().Connection;
        var startedAt = Runtime.Elapsed;
        var connects = new List<TimeSpan>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Peer.Tell(new ConnectionClosed(connection, "server 2 is not leading"), null);
            connection = ExpectConnect(within: TimeSpan.FromSeconds(1)).Connection;
            connects.Add(Runtime.Elapsed - startedAt);
        }
        Assert.Equal(3, connects.Count);
        for (var i = 0; i < connects.Count; i++)
        {
            Assert.InRange(connects[i], delay * (i + 1), delay * (i + 1) + Slack);
        }

        Peer.Tell(new ConnectionClosed(connection, "server 2 is not leading"), null);
        AwaitState(ServerState.Looking, TimeSpan.FromMilliseconds(100));
        Assert.Throws<Xunit.Sdk.XunitException>(() => ExpectConnect(within: TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void Observer_uses_the_same_retry_delay()
    {
        var delay = TimeSpan.FromMilliseconds(70);
        StartPeer(4, voters: 3, observers: [4], connectRetryDelay: delay);
        ElectOther(leader: 2, follower: 3, Zxid.Zero, peerEpoch: 0);
        var refused = ExpectConnect().Connection;
        Expect<ObserverInfo>(refused);

        Peer.Tell(new ConnectionClosed(refused, "server 2 is not leading"), null);
        var refusedAt = Runtime.Elapsed;
        var retry = ExpectConnect(within: TimeSpan.FromSeconds(1));
        Assert.InRange(Runtime.Elapsed - refusedAt, delay, delay + Slack);
        Assert.Equal(new ObserverInfo(4, 0), Expect<ObserverInfo>(retry.Connection));
    }
}
