using Xunit.Abstractions;

namespace ZabActors.Remote.Tests;

public sealed class BackpressureSpec(ITestOutputHelper output)
{
    private static readonly RemoteSettings SmallQueue = TestNode.FastSettings with { OutboundQueueSize = 100 };

    [Fact]
    public async Task Peer_that_never_answers_the_handshake_does_not_block_sends_to_others()
    {
        using var dead = new RawListener();
        await using var a = await TestNode.StartAsync(1, output, SmallQueue);
        await using var b = await TestNode.StartAsync(2, output, SmallQueue);

        var accepted = Enumerable.Range(0, 150).Count(i => a.Manager.Send(dead.Address(), new TestMessage(i, "x"), "/user/x"));
        for (var i = 0; i < 5000; i++)
            while (!a.Send(b, i))
                await Task.Yield();
        await b.Inbox.WaitForCount(5000);

        Assert.Equal(100, accepted);
        var stats = a.Manager.GetEndpoint(dead.Address()).GetStatistics();
        Assert.Equal((50L, 100, false), (stats.DroppedQueueFull, stats.QueuedMessages, stats.IsAssociated));
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), b.Inbox.Sequences(a.Address));
        Assert.Contains(a.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning), l => l.Contains($"Outbound queue to {dead.Address()} full (100)"));
    }

    [Fact]
    public async Task Peer_that_stops_reading_fills_only_its_own_queue()
    {
        using var slow = new RawListener();
        await using var a = await TestNode.StartAsync(1, output, SmallQueue);
        await using var b = await TestNode.StartAsync(2, output, SmallQueue);
        var slowEndpoint = a.Manager.GetEndpoint(slow.Address());

        slowEndpoint.Send(new TestMessage(-1, "hello"), "/user/x");
        await using var peer = await slow.AcceptAsync();
        Assert.Equal(FrameKind.Handshake, RawConnection.KindOf((await peer.ReadFrameAsync())!));
        var info = new HandshakeInfo(FrameCodec.ProtocolVersion, 5, 55, slow.Address(), "zab");
        await peer.SendFrameAsync(RawConnection.HandshakeFrame(info, ack: true));
        await a.Events.WaitFor<AssociatedEvent>(e => e.RemoteNodeId == 5);

        // The peer reads nothing more: socket buffers, then the pipe, then the queue fill up.
        var big = new string('x', 10_000);
        var dropped = 0;
        for (var i = 0; i < 4000; i++)
            dropped += slowEndpoint.Send(new TestMessage(i, big), "/user/x") ? 0 : 1;
        for (var i = 0; i < 5000; i++)
            while (!a.Send(b, i))
                await Task.Yield();
        await b.Inbox.WaitForCount(5000);

        Assert.True(dropped > 0, "the slow peer's queue never filled");
        Assert.Equal(dropped, slowEndpoint.GetStatistics().DroppedQueueFull);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), b.Inbox.Sequences(a.Address));
    }
}
