using Xunit.Abstractions;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport.Tests;

/// <summary>A SNAP far larger than Akka.Remote's maximum frame size travels in chunks and arrives whole, in order.</summary>
public sealed class SnapChunkingTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TransportConfig.Defaults, output: output)
{
    [Fact]
    public void A_snapshot_of_several_megabytes_arrives_whole_over_32000_byte_frames()
    {
        using var nodes = PeerNodes.Start(this, 2, _ => new PeerEndpointOptions("127.0.0.1", 0) { MaximumFrameBytes = 32000 });
        var (learnerEnd, leaderEnd) = ConnectionDriver.Open(nodes[1], nodes[2]);
        var snapshot = new Snapshot(Zxid.Make(3, 1000), Bytes.Wrap(Samples.Noise(6 * 1024 * 1024 + 123, seed: 15)));
        var proposal = new Proposal(new Txn(Zxid.Make(3, 1001), Bytes.Wrap(Samples.Noise(100_000, seed: 2))));

        ConnectionDriver.Send(nodes[2], leaderEnd, new LeaderInfo(3), new Snap(snapshot), new NewLeader(Zxid.Make(3, 0)), proposal, UpToDate.Instance);

        Assert.Equal(new LeaderInfo(3), nodes[1].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10)).Packet);
        var snap = Assert.IsType<Snap>(nodes[1].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(30)).Packet);
        Assert.Equal(snapshot, snap.Snapshot);
        Assert.Equal(new NewLeader(Zxid.Make(3, 0)), nodes[1].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10)).Packet);
        Assert.Equal(proposal, nodes[1].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10)).Packet);
        Assert.Equal(UpToDate.Instance, nodes[1].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10)).Packet);

        nodes[2].Transport.Tell(GetStats.Instance, TestActor);
        var stats = ExpectMsg<Stats>();
        Output?.WriteLine($"6 MiB SNAP sent as {stats.FramesSent} Akka.Remote messages");
        Assert.True(stats.FramesSent > 6 * 1024 * 1024 / 32000, $"{stats.FramesSent} frames");

        // The connection is still open and FIFO after the reassembly.
        ConnectionDriver.Send(nodes[1], learnerEnd, new Ack(Zxid.Make(3, 0)));
        Assert.Equal(new Ack(Zxid.Make(3, 0)), nodes[2].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10)).Packet);
    }
}
