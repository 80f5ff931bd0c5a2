using Xunit.Abstractions;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote.Tests;

public sealed class FailureInjectorSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Partition_blocks_traffic_both_ways_until_healed()
    {
        // Real clock with short intervals: the partition is detected by heartbeats, as in production.
        var settings = TestNode.FastSettings with
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(1500),
            ConnectTimeout = TimeSpan.FromSeconds(1),
        };
        await using var a = await TestNode.StartAsync(1, output, settings, withInjector: true);
        await using var b = await TestNode.StartAsync(2, output, settings);
        a.Send(b, 0);
        b.Send(a, 0);
        await a.Inbox.WaitForCount(1);
        await b.Inbox.WaitForCount(1);

        a.Injector!.Block(b.Address);
        for (var i = 1; i <= 10; i++)
        {
            a.Send(b, i);
            b.Send(a, i);
        }
        await a.Events.WaitFor<AddressTerminated>(e => e.NodeId == 2);
        await b.Events.WaitFor<AddressTerminated>(e => e.NodeId == 1);
        Assert.Equal(new long[] { 0 }, b.Inbox.Sequences(a.Address));
        Assert.Equal(new long[] { 0 }, a.Inbox.Sequences(b.Address));

        a.Injector.Heal(b.Address);
        for (var i = 100; i <= 110; i++)
        {
            a.Send(b, i);
            b.Send(a, i);
        }
        await b.Inbox.WaitFor(m => ((TestMessage)m.Message).Sequence == 110, "110 at b");
        await a.Inbox.WaitFor(m => ((TestMessage)m.Message).Sequence == 110, "110 at a");

        foreach (var received in new[] { b.Inbox.Sequences(a.Address), a.Inbox.Sequences(b.Address) })
        {
            Assert.Equal(received.Order(), received);
            Assert.Equal(received.Count, received.Distinct().Count());
            Assert.Subset(received.ToHashSet(), Enumerable.Range(100, 11).Select(i => (long)i).ToHashSet());
        }
        Assert.True(a.Injector.DroppedFrames > 0);
    }

    [Fact]
    public async Task Delay_holds_frames_until_the_clock_passes_and_keeps_their_order()
    {
        // One clock for both nodes: on the real clock b would declare the silent a terminated.
        var clock = new ManualTimeProvider();
        await using var a = await TestNode.StartAsync(1, output, time: clock, withInjector: true);
        await using var b = await TestNode.StartAsync(2, output, time: clock);
        a.Send(b, 0);
        await b.Inbox.WaitForCount(1);

        a.Injector!.SetMode(b.Address, FailureMode.Delay(TimeSpan.FromSeconds(2)));
        for (var i = 1; i <= 5; i++)
            a.Send(b, i);
        await Eventually.True(() => a.StatisticsFor(b).SentMessages == 6, "the writer to hand the frames to the delay");
        // The delay loop arms its timer on its own thread; moving the clock before that would push the timer out.
        await Eventually.True(() => clock.HasTimerDueIn(TimeSpan.FromSeconds(2)), "the delay queue to arm its timer");
        // Stay short of the first heartbeat tick (1s): a heartbeat written while delayed would hold up frame 6.
        clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(1, b.Inbox.Count);

        a.Injector.Heal(b.Address);
        a.Send(b, 6);
        clock.Advance(TimeSpan.FromMilliseconds(1100));
        await b.Inbox.WaitForCount(7);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), b.Inbox.Sequences(a.Address));
    }

    [Fact]
    public async Task Drop_loses_single_frames_and_then_lets_traffic_through_again()
    {
        await using var a = await TestNode.StartAsync(1, output, withInjector: true);
        await using var b = await TestNode.StartAsync(2, output);
        a.Send(b, 0);
        await b.Inbox.WaitForCount(1);

        a.Injector!.SetMode(b.Address, FailureMode.Drop(outboundProbability: 1, inboundProbability: 0));
        for (var i = 1; i <= 5; i++)
            a.Send(b, i);
        await Eventually.True(() => a.StatisticsFor(b).SentMessages == 6, "the writer to pass the frames to the injector");
        a.Injector.SetMode(b.Address, FailureMode.PassThrough);
        a.Send(b, 6);
        await b.Inbox.WaitForCount(2);

        Assert.Equal(new long[] { 0, 6 }, b.Inbox.Sequences(a.Address));
        Assert.True(a.Injector.DroppedFrames >= 5);
        Assert.True(a.StatisticsFor(b).IsAssociated);
    }
}
