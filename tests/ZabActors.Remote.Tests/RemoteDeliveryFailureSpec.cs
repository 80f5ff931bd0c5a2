using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using ZabActors.Actors;

namespace ZabActors.Remote.Tests;

/// <summary>What becomes of messages that cannot be delivered, and of traffic across a partition.</summary>
public sealed class RemoteDeliveryFailureSpec(ITestOutputHelper output)
{
    /// <summary>A message type no registry knows.</summary>
    private sealed record Unregistered(int Value);

    [Fact]
    public async Task Message_for_an_unknown_recipient_becomes_a_dead_letter_on_the_receiving_node()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var deadLetters = b.CreateProbe("dead-letters");
        b.System.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var sender = a.CreateProbe();

        a.System.Provider.ResolveActorRef(b.PathOf("/user/nobody-home")).Tell("lost", sender.Ref);

        var deadLetter = await deadLetters.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("lost", deadLetter.Message);
        Assert.Equal(b.PathOf("/user/nobody-home"), deadLetter.Recipient.Path.ToString());
        Assert.Equal(sender.Ref.Path, deadLetter.Sender.Path);
        Assert.Equal(1, b.System.DeadLetterCount);
        Assert.Equal(1, b.Remoting.InboundDeadLetters);
        Assert.Equal(0, a.System.DeadLetterCount);
    }

    [Fact]
    public async Task Message_for_a_stopped_incarnation_is_not_delivered_to_its_successor()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var first = b.System.ActorOf(Echo.Props(), "echo");
        var probe = a.CreateProbe();
        var watcher = b.CreateProbe("watcher");
        b.System.Provider.ResolveActorRef(a.PathOf("/user/probe")).Tell("hi", first);
        await probe.ExpectMsgAsync<string>();
        var firstIncarnation = probe.LastSender!;
        await watcher.WatchAsync(first);
        b.System.Stop(first);
        await watcher.ExpectMsgAsync<Terminated>();
        b.System.ActorOf(Echo.Props(), "echo");

        firstIncarnation.Tell("to the old one", probe.Ref);
        await Eventually.True(() => b.Remoting.InboundDeadLetters == 1, "the message to the old incarnation to be dead-lettered");

        a.System.Provider.ResolveActorRef(b.PathOf("/user/echo")).Tell("to the new one", probe.Ref);
        Assert.Equal("to the new one", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Message_without_a_serializer_is_a_dead_letter_with_a_clear_error_and_traffic_goes_on()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        b.System.ActorOf(Echo.Props(), "echo");
        var probe = a.CreateProbe();
        var deadLetters = a.CreateProbe("dead-letters");
        a.System.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var echo = a.System.Provider.ResolveActorRef(b.PathOf("/user/echo"));

        echo.Tell(new Unregistered(1), probe.Ref);
        echo.Tell(new Unregistered(2), probe.Ref);

        Assert.Equal(new Unregistered(1), (await deadLetters.ExpectMsgAsync<DeadLetter>()).Message);
        Assert.Equal(new Unregistered(2), (await deadLetters.ExpectMsgAsync<DeadLetter>()).Message);
        Assert.Equal(2, a.Remoting.UnserializableMessages);
        var errors = a.Logs.AtLeast(LogLevel.Error);
        var error = Assert.Single(errors);
        Assert.Contains($"No serializer is bound to {typeof(Unregistered).FullName}", error);
        echo.Tell("still works", probe.Ref);
        Assert.Equal("still works", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Message_whose_serializer_the_receiver_lacks_is_dropped_and_counted_there_and_traffic_goes_on()
    {
        var senderRegistry = SerializerRegistry.CreateDefault();
        senderRegistry.Bind<Introduce>(new IntroduceSerializer());
        await using var a = RemoteNode.Start(1, output, serializers: senderRegistry);
        await using var b = RemoteNode.Start(2, output);
        b.System.ActorOf(Echo.Props(), "echo");
        var probe = a.CreateProbe();
        var echo = a.System.Provider.ResolveActorRef(b.PathOf("/user/echo"));

        echo.Tell(new Introduce(probe.Ref, "b cannot read this"), probe.Ref);
        echo.Tell("readable", probe.Ref);

        Assert.Equal("readable", await probe.ExpectMsgAsync<string>());
        Assert.Equal(1, b.Remoting.StatisticsFor(a.Address).DroppedInbound);
        Assert.Contains(b.Logs.AtLeast(LogLevel.Warning), l => l.Contains($"no serializer with id {IntroduceSerializer.Id}"));
        Assert.True(b.Remoting.StatisticsFor(a.Address).IsAssociated);
    }

    [Fact]
    public async Task Messages_flow_again_after_a_partition_heals()
    {
        await using var a = RemoteNode.Start(1, output, RemoteNode.QuickFailureDetection, withFailureInjector: true);
        await using var b = RemoteNode.Start(2, output, RemoteNode.QuickFailureDetection);
        b.System.ActorOf(Echo.Props(), "echo");
        var probe = a.CreateProbe();
        var events = a.CreateProbe("events");
        a.System.EventStream.Subscribe(events.Ref, typeof(RemotingLifecycleEvent));
        var echo = a.System.Provider.ResolveActorRef(b.PathOf("/user/echo"));
        echo.Tell("before", probe.Ref);
        Assert.Equal("before", await probe.ExpectMsgAsync<string>());
        await events.FishForAsync<AssociatedEvent>(e => e.RemoteNodeId == 2);

        a.Remoting.Partition(b.Address);
        echo.Tell("during", probe.Ref);
        var terminated = await events.FishForAsync<AddressTerminated>(e => e.NodeId == 2);
        Assert.Equal(b.Remoting.RemoteAddress, terminated.Address);

        a.Remoting.Heal(b.Address);
        echo.Tell("after", probe.Ref);
        // "during" may or may not survive (it depends on when the partition cut the stream); "after" must arrive.
        await probe.FishForAsync<string>(s => s == "after");
        await events.FishForAsync<AssociatedEvent>(e => e.RemoteNodeId == 2);
    }

    [Fact]
    public async Task Sends_after_remoting_shut_down_become_dead_letters_on_the_sending_node()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var deadLetters = a.CreateProbe("dead-letters");
        a.System.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var echo = a.System.Provider.ResolveActorRef(b.PathOf("/user/echo"));

        await a.Remoting.ShutdownAsync();
        echo.Tell("too late", ActorRefs.NoSender);

        var deadLetter = await deadLetters.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("too late", deadLetter.Message);
        Assert.Same(echo, deadLetter.Recipient);
    }

    [Fact]
    public async Task Messages_beyond_a_full_outbound_queue_become_dead_letters_on_the_sending_node()
    {
        await using var a = RemoteNode.Start(1, output, TestNode.FastSettings with { OutboundQueueSize = 8 });
        var gone = RemoteNode.Start(2, output);
        var port = gone.Address.Port;
        await gone.DisposeAsync();
        // Another system name: should a later test bind the same port, the handshake still refuses it.
        var unreachable = a.System.Provider.ResolveActorRef($"zab.tcp://gone@127.0.0.1:{port}/user/x");

        for (var i = 0; i < 20; i++)
            unreachable.Tell(new TestMessage(i, "m"), ActorRefs.NoSender);

        Assert.Equal(12, a.System.DeadLetterCount);
        Assert.Equal(8, a.Remoting.StatisticsFor(((RemoteActorRef)unreachable).RemoteAddress.ToActorAddress()).QueuedMessages);
    }

    [Fact]
    public async Task Partition_hooks_need_the_failure_injector_and_say_so()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);

        var error = Assert.Throws<InvalidOperationException>(() => a.Remoting.Partition(b.Address));
        Assert.Contains("WithFailureInjector", error.Message);
    }
}
