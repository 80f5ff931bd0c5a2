using Xunit.Abstractions;

namespace ZabActors.Remote.Tests;

public sealed class ReconnectSpec(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public async Task Endpoint_reconnects_after_the_remote_restarts_and_delivers_what_was_queued(long survivorId, long restartedId)
    {
        await using var survivor = await TestNode.StartAsync(survivorId, output);
        var first = await TestNode.StartAsync(restartedId, output);
        survivor.Send(first, 0);
        await first.Inbox.WaitForCount(1);
        var firstUid = first.Manager.Uid;
        var port = first.Address.Port;

        await first.DisposeAsync();
        var terminated = await survivor.Events.WaitFor<AddressTerminated>();
        Assert.Equal((restartedId, firstUid), (terminated.NodeId, terminated.Uid));

        // Sent while nobody listens: queued, dialed with back-off, delivered after the restart.
        for (var i = 1; i <= 100; i++)
            Assert.True(survivor.Send(first, i));
        await using var second = await TestNode.StartAsync(restartedId, output, TestNode.FastSettings with { Port = port });
        Assert.Equal(first.Address, second.Address);
        await second.Inbox.WaitForCount(100);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), second.Inbox.Sequences(survivor.Address));
        var reassociated = await survivor.Events.WaitFor<AssociatedEvent>(e => e.RemoteUid == second.Manager.Uid);
        Assert.Equal(restartedId, reassociated.RemoteNodeId);
        // The restarted node can talk back over the same association.
        second.Send(survivor, 500);
        await survivor.Inbox.WaitForCount(1);
        Assert.Equal(2, survivor.StatisticsFor(second).Associations);
    }

    [Fact]
    public async Task Orderly_shutdown_flushes_queued_messages_and_reports_termination_once()
    {
        await using var a = await TestNode.StartAsync(1, output);
        var b = await TestNode.StartAsync(2, output);
        a.Send(b, 0);
        await b.Inbox.WaitForCount(1);
        for (var i = 1; i <= 1000; i++)
            b.Send(a, i);

        await b.DisposeAsync();

        await a.Inbox.WaitForCount(1000);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), a.Inbox.Sequences(b.Address));
        var terminated = await a.Events.WaitFor<AddressTerminated>();
        Assert.Equal("peer shut down", terminated.Reason);
        Assert.Single(a.Events.OfType<AddressTerminated>());
    }

    [Fact]
    public async Task Dropped_connection_is_re_established_by_the_endpoint()
    {
        await using var a = await TestNode.StartAsync(1, output, withInjector: true);
        await using var b = await TestNode.StartAsync(2, output);
        a.Send(b, 0);
        await b.Inbox.WaitForCount(1);

        a.Injector!.Disconnect(b.Address);
        await a.Events.WaitFor<DisassociatedEvent>();
        await a.Events.WaitFor<AssociatedEvent>(e => a.Events.OfType<AssociatedEvent>().Count() == 2);
        a.Send(b, 1);
        await b.Inbox.WaitForCount(2);

        Assert.Equal(new long[] { 0, 1 }, b.Inbox.Sequences(a.Address));
        Assert.Empty(a.Events.OfType<AddressTerminated>());
    }

    [Fact]
    public async Task New_incarnation_replaces_the_stale_association_and_the_old_one_is_reported_terminated()
    {
        // A manual clock that never moves: no heartbeat tick may be what gets the new association going.
        await using var node = await TestNode.StartAsync(1, output, time: new ManualTimeProvider());
        var peerAddress = new RemoteAddress("zab.tcp", "zab", "127.0.0.1", 1);
        await using var stale = await RawConnection.ConnectAsync(node.Address);
        await stale.SendFrameAsync(RawConnection.HandshakeFrame(new HandshakeInfo(FrameCodec.ProtocolVersion, 3, 30, peerAddress, "zab")));
        Assert.Equal(FrameKind.HandshakeAck, RawConnection.KindOf((await stale.ReadFrameAsync())!));

        // The peer restarted without the node noticing (no FIN): its new incarnation dials in.
        await using var fresh = await RawConnection.ConnectAsync(node.Address);
        await fresh.SendFrameAsync(RawConnection.HandshakeFrame(new HandshakeInfo(FrameCodec.ProtocolVersion, 3, 31, peerAddress, "zab")));

        Assert.Equal(FrameKind.HandshakeAck, RawConnection.KindOf((await fresh.ReadFrameAsync())!));
        await stale.ReadUntilClosedAsync();
        var terminated = await node.Events.WaitFor<AddressTerminated>();
        Assert.Equal((3L, 30L), (terminated.NodeId, terminated.Uid));
        await fresh.SendFrameAsync(RawConnection.PayloadFrame(9));
        await node.Inbox.WaitForCount(1);
        Assert.Equal(2, node.Manager.GetEndpoint(peerAddress).GetStatistics().Associations);
    }
}
