using ZabActors.Actors;
using ZabActors.Quorum;
using ZabActors.Simulation.Network;
using ZabActors.Zab;

namespace ZabActors.Simulation.Tests;

/// <summary>The simulated network's fault model: FIFO connections, loss only by closing, partitions, replays.</summary>
public sealed class SimulatedNetworkTests
{
    private readonly DeterministicRuntime runtime = new(11);
    private readonly Recorder one = new(1);
    private readonly Recorder two = new(2);

    private SimulatedNetwork Network(NetworkOptions? options = null)
    {
        var network = new SimulatedNetwork(runtime.Scheduler, new SimulationRandom(3), options ?? new NetworkOptions { DelayMinMs = 1, DelayMaxMs = 200 });
        network.Register(1, one);
        network.Register(2, two);
        return network;
    }

    [Fact]
    public void Packets_of_a_connection_arrive_in_order_despite_random_delays()
    {
        var network = Network();
        var connection = network.Connect(1, 2);
        for (var i = 0; i < 200; i++) network.Send(connection, 1, new Ping(new Zxid(i)));
        for (var i = 0; i < 200; i++) network.Send(connection, 2, new Ack(new Zxid(i)));
        runtime.Advance(TimeSpan.FromSeconds(10));
        Assert.IsType<ConnectionOpened>(two.Messages[0]);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), two.Messages.OfType<ConnectionMessage>().Select(m => ((Ping)m.Packet).Zxid.Value));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), one.Messages.OfType<ConnectionMessage>().Select(m => ((Ack)m.Packet).Zxid.Value));
    }

    [Fact]
    public void Election_notifications_are_not_kept_in_order()
    {
        var network = Network();
        for (var i = 0; i < 200; i++) network.SendElection(1, 2, Vote(i));
        runtime.Advance(TimeSpan.FromSeconds(10));
        var rounds = two.Messages.OfType<PeerEnvelope>().Select(e => ((Notification)e.Message).ElectionEpoch).ToList();
        Assert.Equal(200, rounds.Count);
        Assert.NotEqual(rounds.Order(), rounds);
    }

    [Fact]
    public void Closing_a_connection_discards_what_is_in_flight_and_tells_both_ends()
    {
        var network = Network();
        var connection = network.Connect(1, 2);
        runtime.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10; i++) network.Send(connection, 1, new Ping(new Zxid(i)));
        network.Close(connection, "reset");
        network.Send(connection, 1, new Ping(new Zxid(99)));
        runtime.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(two.Messages.OfType<ConnectionMessage>());
        Assert.Equal(new ConnectionClosed(connection, "reset"), Assert.Single(one.Messages.OfType<ConnectionClosed>()));
        Assert.Equal(new ConnectionClosed(connection, "reset"), Assert.Single(two.Messages.OfType<ConnectionClosed>()));
        Assert.Equal(10, network.Statistics.PacketsDiscarded);
    }

    [Fact]
    public void A_partition_closes_connections_across_it_and_drops_election_traffic_until_healed()
    {
        var network = Network();
        var connection = network.Connect(1, 2);
        runtime.Advance(TimeSpan.FromSeconds(1));
        network.Partition([[1], [2]]);
        network.SendElection(1, 2, Vote(1));
        var refused = network.Connect(1, 2);
        runtime.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(two.Messages.OfType<PeerEnvelope>());
        Assert.Contains(new ConnectionClosed(connection, "network partition"), two.Messages);
        Assert.Contains(one.Messages.OfType<ConnectionClosed>(), c => c.Connection == refused && c.Reason.Contains("timed out"));
        network.Heal();
        network.SendElection(1, 2, Vote(2));
        runtime.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(two.Messages.OfType<PeerEnvelope>());
    }

    [Fact]
    public void Election_notifications_may_be_lost_or_replayed_but_never_invented()
    {
        var network = Network(new NetworkOptions { DelayMinMs = 1, DelayMaxMs = 5, ElectionLossProbability = 0.3, ElectionReplayProbability = 0.3 });
        for (var i = 0; i < 1000; i++) network.SendElection(1, 2, Vote(i));
        runtime.Advance(TimeSpan.FromSeconds(10));
        var rounds = two.Messages.OfType<PeerEnvelope>().Select(e => ((Notification)e.Message).ElectionEpoch).ToList();
        Assert.InRange(network.Statistics.ElectionLost, 200, 400);
        Assert.InRange(network.Statistics.ElectionReplayed, 100, 300);
        Assert.Equal(1000 - network.Statistics.ElectionLost + network.Statistics.ElectionReplayed, rounds.Count);
        Assert.All(rounds, r => Assert.InRange(r, 0, 999));
        Assert.True(rounds.GroupBy(r => r).All(g => g.Count() <= 2));
    }

    [Fact]
    public void A_clogged_link_holds_messages_back_without_reordering_a_connection()
    {
        var network = Network(new NetworkOptions { DelayMinMs = 1, DelayMaxMs = 1 });
        var connection = network.Connect(1, 2);
        network.Clog(1, 2, TimeSpan.FromSeconds(3));
        network.Send(connection, 1, new Ping(new Zxid(1)));
        network.Send(connection, 1, new Ping(new Zxid(2)));
        runtime.Advance(TimeSpan.FromSeconds(2));
        Assert.IsType<ConnectionOpened>(Assert.Single(two.Messages));
        runtime.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([1L, 2L], two.Messages.OfType<ConnectionMessage>().Select(m => ((Ping)m.Packet).Zxid.Value));
    }

    [Fact]
    public void A_crashed_server_is_silent_and_its_connections_close()
    {
        var network = Network();
        var connection = network.Connect(1, 2);
        runtime.Advance(TimeSpan.FromSeconds(1));
        network.Crash(1);
        network.SendElection(1, 2, Vote(1));
        runtime.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(two.Messages.OfType<PeerEnvelope>());
        Assert.Contains(two.Messages.OfType<ConnectionClosed>(), c => c.Connection == connection);
        Assert.False(network.IsRegistered(1));
    }

    [Fact]
    public void The_same_seed_delivers_the_same_messages_at_the_same_times()
    {
        static List<string> Run()
        {
            var runtime = new DeterministicRuntime(5);
            var log = new List<string>();
            var target = new Recorder(2, m => log.Add($"{runtime.Elapsed.TotalMilliseconds}:{m}"));
            var network = new SimulatedNetwork(runtime.Scheduler, new SimulationRandom(9), new NetworkOptions { DelayMaxMs = 100, ElectionReplayProbability = 0.2, ElectionLossProbability = 0.2 });
            network.Register(1, new Recorder(1));
            network.Register(2, target);
            for (var i = 0; i < 100; i++) network.SendElection(1, 2, Vote(i));
            runtime.Advance(TimeSpan.FromSeconds(5));
            return log;
        }
        Assert.Equal(Run(), Run());
    }

    private static Notification Vote(long round) => new(1, Zxid.Zero, round, ServerState.Looking, 1, 0);

    /// <summary>A mailbox-less peer root that records what the network delivers to it.</summary>
    private sealed class Recorder(long sid, Action<object>? onMessage = null) : MinimalActorRef
    {
        public List<object> Messages { get; } = [];

        public override ActorPath Path { get; } = ActorPath.RootOf(Address.Local("net")) / $"peer{sid}";

        public override IActorRefProvider Provider => throw new NotSupportedException();

        public override void Tell(object message, IActorRef? sender)
        {
            Messages.Add(message);
            onMessage?.Invoke(message);
        }
    }
}
