using Xunit.Abstractions;

namespace ZabActors.Remote.Tests;

public sealed class AssociationSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Messages_arrive_complete_and_in_order_over_one_association()
    {
        await using var a = await TestNode.StartAsync(1, output);
        await using var b = await TestNode.StartAsync(2, output);
        const int count = 20_000;
        for (var i = 0; i < count; i++)
            Assert.True(a.Send(b, i, text: i % 100 == 0 ? new string('x', 3000) : "m"));

        await b.Inbox.WaitForCount(count);

        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), b.Inbox.Sequences(a.Address));
        var first = b.Inbox.Snapshot()[0];
        Assert.Equal(("/user/inbox", "/user/sender", 1L), (first.Recipient, first.Sender, first.OriginNodeId));
        Assert.Equal(count, a.StatisticsFor(b).SentMessages);
        Assert.Equal(1, a.StatisticsFor(b).Associations);
    }

    [Fact]
    public async Task Simultaneous_connect_leaves_exactly_one_association_and_loses_nothing()
    {
        // Several rounds: which side dials first varies from run to run.
        for (var round = 0; round < 5; round++)
        {
            await using var small = await TestNode.StartAsync(1, output);
            await using var large = await TestNode.StartAsync(2, output);
            const int count = 3000;
            using var start = new Barrier(2);
            var sends = new[] { (small, large), (large, small) }.Select(pair => Task.Run(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < count; i++)
                    pair.Item1.Send(pair.Item2, i);
            })).ToArray();
            await Task.WhenAll(sends);

            await small.Inbox.WaitForCount(count);
            await large.Inbox.WaitForCount(count);

            Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), small.Inbox.Sequences(large.Address));
            Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), large.Inbox.Sequences(small.Address));
            // Exactly one association on each side, and it is the one the larger id initiated.
            Assert.Equal(1, small.StatisticsFor(large).Associations);
            Assert.Equal(1, large.StatisticsFor(small).Associations);
            Assert.True(Assert.Single(small.Events.OfType<AssociatedEvent>()).IsInbound);
            Assert.False(Assert.Single(large.Events.OfType<AssociatedEvent>()).IsInbound);
            Assert.Empty(small.Events.OfType<DisassociatedEvent>());
            Assert.Empty(large.Events.OfType<DisassociatedEvent>());
        }
    }

    [Fact]
    public async Task Smaller_node_sending_first_is_refused_and_the_larger_connects_back()
    {
        await using var small = await TestNode.StartAsync(1, output);
        await using var large = await TestNode.StartAsync(2, output);

        small.Send(large, 1);
        await large.Inbox.WaitForCount(1);
        large.Send(small, 2);
        await small.Inbox.WaitForCount(1);

        var smallSide = Assert.Single(small.Events.OfType<AssociatedEvent>());
        Assert.True(smallSide.IsInbound);
        Assert.Equal(2, smallSide.RemoteNodeId);
        Assert.Equal(large.Manager.Uid, smallSide.RemoteUid);
        Assert.Empty(small.Events.OfType<AssociationErrorEvent>());
    }

    [Fact]
    public async Task Tie_break_rule_is_pluggable()
    {
        // With the address rule the node at the larger port initiates, whatever the ids say.
        await using var a = await TestNode.StartAsync(1, output, tieBreaker: TieBreakers.LargerAddressWins);
        await using var b = await TestNode.StartAsync(2, output, tieBreaker: TieBreakers.LargerAddressWins);
        a.Send(b, 1);
        b.Send(a, 2);
        await b.Inbox.WaitForCount(1);
        await a.Inbox.WaitForCount(1);

        var aIsLarger = string.CompareOrdinal(a.Address.ToString(), b.Address.ToString()) > 0;
        Assert.Equal(aIsLarger, !Assert.Single(a.Events.OfType<AssociatedEvent>()).IsInbound);
        Assert.Equal(aIsLarger, Assert.Single(b.Events.OfType<AssociatedEvent>()).IsInbound);
    }

    [Fact]
    public async Task Unserializable_and_oversized_messages_are_dropped_without_harming_the_association()
    {
        var settings = TestNode.FastSettings with { MaximumFrameSizeBytes = 8192 };
        await using var a = await TestNode.StartAsync(1, output, settings);
        await using var b = await TestNode.StartAsync(2, output, settings);

        a.Send(b, 1);
        a.Manager.Send(b.Address, new object(), "/user/inbox");
        a.Send(b, 2, text: new string('x', 9000));
        a.Send(b, 3);
        await b.Inbox.WaitFor(m => ((TestMessage)m.Message).Sequence == 3, "message 3");

        Assert.Equal(new long[] { 1, 3 }, b.Inbox.Sequences(a.Address));
        Assert.Equal(2, a.StatisticsFor(b).DroppedUnsendable);
        Assert.True(a.StatisticsFor(b).IsAssociated);
    }
}
