using Xunit.Abstractions;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote.Tests;

/// <summary>Reconnection back-off on a manual clock over the in-memory transport, where a refused attempt fails at once.</summary>
public sealed class BackoffSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Attempts_to_an_unreachable_peer_back_off_exponentially_up_to_the_maximum()
    {
        var registry = new TestTransportRegistry();
        var clock = new ManualTimeProvider();
        var settings = TestNode.FastSettings with
        {
            ReconnectBackoffMin = TimeSpan.FromMilliseconds(100),
            ReconnectBackoffMax = TimeSpan.FromSeconds(1),
            HeartbeatInterval = TimeSpan.FromHours(1),
            AcceptableHeartbeatPause = TimeSpan.FromHours(2),
        };
        await using var node = await TestNode.StartAsync(1, output, settings, clock,
            transport: s => new TestTransport(registry, s.MaximumFrameSizeBytes));
        var nowhere = new RemoteAddress("zab.test", "zab", "10.9.9.9", 1);
        int Attempts() => registry.LogSnapshot().OfType<AssociateAttempt>().Count(a => a.Remote.Equals(nowhere));

        node.Manager.Send(nowhere, "hello", "/user/x");
        Assert.Equal(1, Attempts());

        // Each wait doubles from 100ms and is capped at 1s; one tick before it nothing happens.
        var expectedWaitsMs = new[] { 100, 200, 400, 800, 1000, 1000 };
        for (var i = 0; i < expectedWaitsMs.Length; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(expectedWaitsMs[i] - 1));
            Assert.Equal(i + 1, Attempts());
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(i + 2, Attempts());
        }
        Assert.Equal(1, node.Manager.GetEndpoint(nowhere).GetStatistics().QueuedMessages);
    }

    [Fact]
    public async Task Back_off_resets_once_an_association_succeeds()
    {
        var registry = new TestTransportRegistry();
        var clock = new ManualTimeProvider();
        var settings = TestNode.FastSettings with
        {
            ReconnectBackoffMin = TimeSpan.FromMilliseconds(100),
            ReconnectBackoffMax = TimeSpan.FromSeconds(10),
            HeartbeatInterval = TimeSpan.FromHours(1),
            AcceptableHeartbeatPause = TimeSpan.FromHours(2),
        };
        ITransport Transport(RemoteSettings s) => new TestTransport(registry, s.MaximumFrameSizeBytes);
        await using var node = await TestNode.StartAsync(2, output, settings, clock, transport: Transport);
        var peerAddress = node.Address.WithPort(node.Address.Port + 1000);
        node.Manager.Send(peerAddress, new TestMessage(1, "first"), "/user/x");
        for (var wait = 100; wait <= 800; wait *= 2)
            clock.Advance(TimeSpan.FromMilliseconds(wait));

        await using var peer = await TestNode.StartAsync(1, output, settings with { Port = peerAddress.Port }, clock, transport: Transport);
        clock.Advance(TimeSpan.FromMilliseconds(1600));
        await peer.Inbox.WaitForCount(1);

        // A lost association retries after the minimum again, not after the back-off reached before.
        var before = registry.LogSnapshot().OfType<AssociateAttempt>().Count(a => a.Remote.Equals(peerAddress));
        await peer.DisposeAsync();
        await node.Events.WaitFor<DisassociatedEvent>();
        node.Manager.Send(peerAddress, new TestMessage(2, "second"), "/user/x");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(before + 2, registry.LogSnapshot().OfType<AssociateAttempt>().Count(a => a.Remote.Equals(peerAddress)));
    }
}
