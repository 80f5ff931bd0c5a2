using ZabActors.Actors;
using ZabActors.Node.Admin;
using ZabActors.Node.Networking;
using ZabActors.Quorum;
using ZabActors.Remote;
using ZabActors.Zab;

namespace ZabActors.Node.Tests;

public sealed class EnsembleDirectoryTests
{
    private readonly EnsembleDirectory directory = new(
        new[] { 1L, 2, 3 }.Select(id => new QuorumServer(id, "127.0.0.1", 2880 + (int)id, LearnerType.Participant)));

    private static HandshakeInfo Peer(long id, int port) => new(1, id, 99, new RemoteAddress("zab.tcp", "zab", "127.0.0.1", port), "zab");

    [Fact]
    public void Servers_are_admitted_only_at_their_configured_address()
    {
        Assert.True(directory.IsAllowedPeer(Peer(2, 2882)));
        Assert.False(directory.IsAllowedPeer(Peer(2, 2883)));
        Assert.False(directory.IsAllowedPeer(Peer(7, 2887)));
        Assert.True(directory.IsAllowedPeer(Peer(-12, 40000)));
        Assert.False(directory.IsAllowedPeer(Peer(-12, 2881)));
    }

    [Fact]
    public void A_tools_connection_always_wins_the_tie_break_and_servers_follow_zookeeper()
    {
        var tool = Peer(-5, 40000);
        Assert.True(EnsembleDirectory.TieBreaker(tool, Peer(3, 2883)));
        Assert.False(EnsembleDirectory.TieBreaker(Peer(3, 2883), tool));
        Assert.True(EnsembleDirectory.TieBreaker(Peer(3, 2883), Peer(1, 2881)));
        Assert.False(EnsembleDirectory.TieBreaker(Peer(1, 2881), Peer(3, 2883)));
    }

    [Fact]
    public void Addresses_and_ids_map_both_ways()
    {
        Assert.Equal("zab.tcp://zab@127.0.0.1:2882/user/admin", directory.PathOf(2, EnsembleDirectory.AdminActorName));
        Assert.True(directory.TryGetSid(new RemoteAddress("zab.tcp", "zab", "127.0.0.1", 2883), out var sid));
        Assert.Equal(3, sid);
        Assert.False(directory.TryGetSid(new RemoteAddress("zab.tcp", "zab-tool", "127.0.0.1", 2883), out _));
        Assert.False(directory.TryGetSid((IActorRef?)null, out _));
    }

    [Fact]
    public void Status_lines_show_lag_within_an_epoch_and_down_servers()
    {
        var statuses = new Dictionary<long, NodeStatus?>
        {
            [1] = new(new PeerStatus(1, ServerState.Leading, 3, 3, Zxid.Make(3, 18), Zxid.Make(3, 18), 1), ZabState.Broadcast),
            [2] = new(new PeerStatus(2, ServerState.Following, 3, 3, Zxid.Make(3, 18), Zxid.Make(3, 15), 1), ZabState.Broadcast),
            [3] = new(new PeerStatus(3, ServerState.Looking, 3, 2, Zxid.Make(2, 9), Zxid.Make(2, 9), null), ZabState.Election),
            [4] = null,
        };
        Assert.Equal(
            [
                "id=1 state=LEADING epoch=3 zxid=0x300000012 leader=1 lag=0 phase=BROADCAST",
                "id=2 state=FOLLOWING epoch=3 zxid=0x30000000f leader=1 lag=3 phase=BROADCAST",
                "id=3 state=LOOKING epoch=2 zxid=0x200000009 leader=- lag=? phase=ELECTION",
                "id=4 state=DOWN",
            ],
            StatusLine.FormatAll(statuses));
    }
}
