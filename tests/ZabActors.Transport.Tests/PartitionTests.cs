using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using Xunit.Abstractions;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport.Tests;

/// <summary>
/// A partition longer than every Akka failure detector threshold (blackholed with Akka.Remote's
/// throttler adapter, as Akka's TestConductor does) heals without restarting any process: no remote
/// DeathWatch means no quarantine, only a gated address that opens again.
/// </summary>
public sealed class PartitionTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TransportConfig.Defaults, output: output)
{
    [Fact]
    public void A_long_partition_closes_connections_and_heals_without_restarting_a_process()
    {
        using var nodes = PeerNodes.Start(this, 2, _ => new PeerEndpointOptions("127.0.0.1", 0) { Throttler = true });
        Assert.Equal("akka.trttl.tcp", nodes[1].Address.Protocol);
        var (learnerEnd, leaderEnd) = ConnectionDriver.Open(nodes[1], nodes[2]);
        ConnectionDriver.Send(nodes[1], learnerEnd, new FollowerInfo(1, 0));
        nodes[2].Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10));
        var systemsBefore = (nodes[1].System, nodes[2].System);

        Throttle(nodes[1], nodes[2], Blackhole.Instance);
        Throttle(nodes[2], nodes[1], Blackhole.Instance);
        var started = DateTime.UtcNow;

        // The transport failure detector (pause 1 s here) ends the association: both ends are told.
        Assert.Equal(learnerEnd, nodes[1].Root.FishForMessage<ConnectionClosed>(_ => true, TimeSpan.FromSeconds(15)).Connection);
        Assert.Equal(leaderEnd, nodes[2].Root.FishForMessage<ConnectionClosed>(_ => true, TimeSpan.FromSeconds(15)).Connection);

        // Keep the partition well past every threshold: nothing gets through meanwhile.
        nodes[1].Transport.Tell(new SendElection(2, Samples.Vote(1)));
        nodes[2].Root.ExpectNoMsg(TimeSpan.FromSeconds(4));
        Output?.WriteLine($"partitioned for {(DateTime.UtcNow - started).TotalSeconds:F1} s");

        Throttle(nodes[1], nodes[2], Unthrottled.Instance);
        Throttle(nodes[2], nodes[1], Unthrottled.Instance);

        ConnectionDriver.ElectUntilHeard(nodes[1], nodes[2], TimeSpan.FromSeconds(30));
        ConnectionDriver.ElectUntilHeard(nodes[2], nodes[1], TimeSpan.FromSeconds(30));
        DrainRoots(nodes);
        var (newLearnerEnd, newLeaderEnd) = ConnectionDriver.OpenEventually(nodes[1], nodes[2], TimeSpan.FromSeconds(30));
        ConnectionDriver.Send(nodes[2], newLeaderEnd, new LeaderInfo(2));
        Assert.Equal(new ConnectionMessage(newLearnerEnd, 2, new LeaderInfo(2)), nodes[1].Root.FishForMessage<ConnectionMessage>(_ => true, TimeSpan.FromSeconds(10)));
        Output?.WriteLine($"healed {(DateTime.UtcNow - started).TotalSeconds:F1} s after the partition began");
        Assert.Equal(systemsBefore, (nodes[1].System, nodes[2].System));
        Assert.False(nodes[1].System.WhenTerminated.IsCompleted || nodes[2].System.WhenTerminated.IsCompleted);
    }

    private static void Throttle(PeerNode at, PeerNode target, ThrottleMode mode)
    {
        var transport = ((RemoteActorRefProvider)((ExtendedActorSystem)at.System).Provider).Transport;
        Assert.True(transport.ManagementCommand(new SetThrottle(target.Address, ThrottleTransportAdapter.Direction.Both, mode)).Wait(TimeSpan.FromSeconds(10)));
    }

    private static void DrainRoots(PeerNodes nodes)
    {
        foreach (var node in nodes.Nodes.Values)
        {
            while (node.Root.HasMessages)
            {
                node.Root.ReceiveOne(TimeSpan.Zero);
            }
        }
    }
}
