using ZabActors.Node.Admin;
using ZabActors.Node.Configuration;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Tests;

public sealed class EnsembleDirectoryTests
{
    private readonly EnsembleDirectory directory = new(
        new[] { 1L, 2, 3 }.Select(id => new QuorumServer(id, "127.0.0.1", 2880 + (int)id, LearnerType.Participant)));

    [Fact]
    public void Servers_are_named_by_their_throttled_akka_address()
    {
        Assert.Equal("akka.trttl.tcp://zab@127.0.0.1:2882/user/admin", directory.PathOf(2, EnsembleDirectory.AdminActorName));
        Assert.True(directory.TryGetAddress(3, out var address));
        Assert.Equal(2883, address.Port);
        Assert.False(directory.TryGetAddress(7, out _));
        Assert.Throws<ArgumentException>(() => directory.AddressOf(7));
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
