using Xunit.Abstractions;

namespace ZabActors.Remote.Tests;

/// <summary>Failure detection on a manual clock: time moves only when the test says so.</summary>
public sealed class HeartbeatSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly RemoteSettings Settings = TestNode.FastSettings with
    {
        HeartbeatInterval = Interval,
        AcceptableHeartbeatPause = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    };

    private static readonly RemoteAddress RawPeerAddress = new("zab.tcp", "zab", "127.0.0.1", 1);

    [Fact]
    public async Task Association_sends_a_heartbeat_every_interval()
    {
        var clock = new ManualTimeProvider();
        await using var node = await TestNode.StartAsync(1, output, Settings, clock);
        await using var raw = await AssociateRawPeerAsync(node);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(Interval);
            Assert.Equal(FrameKind.Heartbeat, RawConnection.KindOf((await raw.ReadFrameAsync())!));
        }
    }

    [Fact]
    public async Task Silent_peer_is_declared_terminated_and_its_association_closed()
    {
        var clock = new ManualTimeProvider();
        await using var node = await TestNode.StartAsync(1, output, Settings, clock);
        await using var raw = await AssociateRawPeerAsync(node);

        for (var i = 0; i < 5; i++)
            clock.Advance(Interval);
        Assert.Empty(node.Events.OfType<AddressTerminated>());
        clock.Advance(Interval);

        var terminated = Assert.Single(node.Events.OfType<AddressTerminated>());
        Assert.Equal((RawPeerAddress, 3L, 33L), (terminated.Address, terminated.NodeId, terminated.Uid));
        Assert.Contains("acceptable-heartbeat-pause", terminated.Reason);
        var closed = await node.Events.WaitFor<DisassociatedEvent>();
        Assert.Contains("heartbeat timeout", closed.Reason);
        var frames = await raw.ReadUntilClosedAsync();
        Assert.All(frames, f => Assert.Equal(FrameKind.Heartbeat, RawConnection.KindOf(f)));
    }

    [Fact]
    public async Task Peer_that_keeps_sending_is_never_declared_terminated()
    {
        var clock = new ManualTimeProvider();
        await using var node = await TestNode.StartAsync(1, output, Settings, clock);
        await using var raw = await AssociateRawPeerAsync(node);

        for (var i = 0; i < 12; i++)
        {
            await raw.SendFrameAsync(RawConnection.PayloadFrame(i));
            await node.Inbox.WaitForCount(i + 1);
            clock.Advance(Interval);
        }

        Assert.Empty(node.Events.OfType<AddressTerminated>());
        Assert.True(node.Manager.GetEndpoint(RawPeerAddress).IsAssociated);
    }

    [Fact]
    public async Task Connection_that_never_completes_its_handshake_is_closed_after_connect_timeout()
    {
        var clock = new ManualTimeProvider();
        await using var node = await TestNode.StartAsync(1, output, Settings, clock);
        await using var raw = await RawConnection.ConnectAsync(node.Address);
        await raw.SendRawAsync([0, 0]);

        for (var i = 0; i < 4; i++)
            clock.Advance(Interval);

        Assert.Empty(await raw.ReadUntilClosedAsync());
        await node.Events.WaitFor<AssociationErrorEvent>(e => e.Reason.Contains("handshake not completed"));
    }

    [Fact]
    public async Task Unreachable_peer_is_declared_terminated_after_the_acceptable_pause()
    {
        var clock = new ManualTimeProvider();
        await using var node = await TestNode.StartAsync(1, output, Settings, clock, withInjector: true);
        await using var raw = await AssociateRawPeerAsync(node);

        // The connection resets and every reconnection fails: nothing is heard any more.
        node.Injector!.Block(RawPeerAddress);
        node.Injector.Disconnect(RawPeerAddress);
        await node.Events.WaitFor<DisassociatedEvent>();
        for (var i = 0; i < 6; i++)
            clock.Advance(Interval);

        var terminated = await node.Events.WaitFor<AddressTerminated>();
        Assert.Equal(3, terminated.NodeId);
        Assert.Contains(node.Events.OfType<AssociationErrorEvent>(), e => e.Reason.Contains("blocked by failure injector"));
    }

    /// <summary>A raw peer with node id 3 (it wins the tie-break against node 1) associates with the node.</summary>
    private static async Task<RawConnection> AssociateRawPeerAsync(TestNode node)
    {
        var raw = await RawConnection.ConnectAsync(node.Address);
        await raw.SendFrameAsync(RawConnection.HandshakeFrame(new HandshakeInfo(FrameCodec.ProtocolVersion, 3, 33, RawPeerAddress, "zab")));
        Assert.Equal(FrameKind.HandshakeAck, RawConnection.KindOf((await raw.ReadFrameAsync())!));
        await node.Events.WaitFor<AssociatedEvent>();
        return raw;
    }
}
