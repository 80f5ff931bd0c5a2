using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit;
using Xunit.Abstractions;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport.Tests;

/// <summary>
/// Measures packets/s and Akka.Remote messages/s between two ActorSystems, with batching and with
/// batches of one. It prints the figures; the only assertions are that everything arrived and that
/// batching sent fewer messages than packets (a timed assertion would fail on a busy machine).
/// </summary>
public sealed class ThroughputTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TransportConfig.Defaults, output: output)
{
    [Theory]
    [InlineData(512, 100_000)]
    [InlineData(1, 20_000)]
    public void Packets_per_second_between_two_systems(int maxBatchPackets, int packets)
    {
        using var nodes = PeerNodes.Start(
            this,
            2,
            extraHocon: $"zab.transport.max-batch-packets = {maxBatchPackets}",
            rootProps: probe => Props.Create(() => new CountingRoot(probe.Ref, packets)));
        nodes[1].Transport.Tell(new Connect(2), nodes[1].RootRef);
        var learnerEnd = nodes[1].Root.ExpectMsg<Connecting>().Connection;
        var leaderEnd = nodes[2].Root.ExpectMsg<ConnectionOpened>(TimeSpan.FromSeconds(10)).Connection;
        Warm(nodes, leaderEnd);

        var payload = Bytes.Wrap(Samples.Noise(100, seed: 1));
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= packets; i++)
        {
            nodes[2].Transport.Tell(new Send(leaderEnd, new Proposal(new Txn(Zxid.Make(1, i), payload))));
        }
        nodes[1].Root.ExpectMsg<Counted>(TimeSpan.FromSeconds(60));
        clock.Stop();

        nodes[2].Transport.Tell(GetStats.Instance, TestActor);
        var sent = ExpectMsg<Stats>();
        var seconds = clock.Elapsed.TotalSeconds;
        Output?.WriteLine(
            $"max-batch-packets={maxBatchPackets}: {packets} packets in {seconds:F2} s = {packets / seconds:F0} packets/s, " +
            $"{sent.FramesSent} Akka.Remote messages = {sent.FramesSent / seconds:F0} messages/s ({(double)sent.PacketsSent / sent.FramesSent:F1} packets per message)");
        Assert.Equal(learnerEnd, nodes[1].Root.ExpectMsg<Connection>().Id);
        if (maxBatchPackets > 1)
        {
            Assert.True(sent.FramesSent < sent.PacketsSent / 2, $"{sent.FramesSent} messages for {sent.PacketsSent} packets");
        }
    }

    private static void Warm(PeerNodes nodes, ConnectionId leaderEnd)
    {
        nodes[2].Transport.Tell(new Send(leaderEnd, new Ping(Zxid.Zero)));
        nodes[1].Root.ExpectMsg<Warmed>(TimeSpan.FromSeconds(10));
    }

    private sealed record Counted;

    private sealed record Warmed;

    private sealed record OutOfOrder(string Problem);

    private sealed record Connection(ConnectionId Id);

    /// <summary>Stands in for a peer root: counts proposals and tells the probe when all arrived; passes everything else on.</summary>
    private sealed class CountingRoot : ReceiveActor
    {
        private long seen;

        public CountingRoot(IActorRef probe, int expected)
        {
            Receive<ConnectionMessage>(m => m.Packet is Ping, m => probe.Tell(new Warmed()));
            Receive<ConnectionMessage>(m =>
            {
                var counter = ((Proposal)m.Packet).Txn.Zxid.Counter;
                if (counter != ++seen)
                {
                    probe.Tell(new OutOfOrder($"proposal {counter} arrived as number {seen}"));
                }
                if (seen == expected)
                {
                    probe.Tell(new Counted());
                    probe.Tell(new Connection(m.Connection));
                }
            });
            ReceiveAny(probe.Forward);
        }
    }
}
