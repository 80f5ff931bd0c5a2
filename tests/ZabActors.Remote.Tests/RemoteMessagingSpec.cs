using Xunit.Abstractions;
using ZabActors.Actors;

namespace ZabActors.Remote.Tests;

/// <summary>Remote actor refs between actor systems in one process over real TCP loopback.</summary>
public sealed class RemoteMessagingSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Tell_crosses_the_wire_and_the_reply_reaches_the_sender()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        a.System.ActorOf(Echo.Props(), "echo");
        var probe = b.CreateProbe();

        var echo = b.System.Provider.ResolveActorRef(a.PathOf("/user/echo"));
        echo.Tell("ping", probe.Ref);

        Assert.Equal("ping", await probe.ExpectMsgAsync<string>());
        var sender = Assert.IsType<RemoteActorRef>(probe.LastSender);
        Assert.Equal(a.PathOf("/user/echo"), sender.Path.ToString());
        Assert.NotEqual(0, sender.Path.Uid);
        Assert.False(sender.IsLocal);
    }

    [Fact]
    public async Task Ten_thousand_messages_arrive_in_the_order_they_were_sent()
    {
        const int count = 10_000;
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var sequences = new List<long>(count);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.System.ActorOf(SequenceCollector.Props(sequences, count, done), "collector");

        var collector = a.System.Provider.ResolveActorRef(b.PathOf("/user/collector"));
        for (var i = 0; i < count; i++)
            collector.Tell(new TestMessage(i, "m"), ActorRefs.NoSender);

        await done.Task.WaitAsync(Waiting.Timeout);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task ActorSelection_with_a_remote_path_delivers_and_resolves_to_the_remote_actor()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var local = a.System.ActorOf(Echo.Props(), "echo");
        var probe = b.CreateProbe();

        var selection = b.System.ActorSelection(a.PathOf("/user/echo"));
        selection.Tell("via selection", probe.Ref);
        Assert.Equal("via selection", await probe.ExpectMsgAsync<string>());

        var resolved = await selection.ResolveOne(Waiting.Timeout);
        Assert.IsType<RemoteActorRef>(resolved);
        Assert.Equal(local.Path, resolved.Path);
        Assert.Equal(local.Path.Uid, resolved.Path.Uid);

        await Assert.ThrowsAsync<ActorNotFoundException>(() => b.System.ActorSelection(a.PathOf("/user/nobody-here")).ResolveOne(Waiting.Timeout));
    }

    [Fact]
    public async Task ResolveActorRef_gives_equal_remote_refs_for_the_same_path_and_local_refs_for_own_paths()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        var own = b.System.ActorOf(Echo.Props(), "mine");

        var first = b.System.Provider.ResolveActorRef(a.PathOf("/user/x"));
        var second = b.System.Provider.ResolveActorRef(ActorPath.Parse(a.PathOf("/user/x")));
        Assert.IsType<RemoteActorRef>(first);
        Assert.Equal(first, second);
        Assert.Same(b.System.Provider, ((IInternalActorRef)first).Provider);

        Assert.Same(own, b.System.Provider.ResolveActorRef(b.PathOf("/user/mine")));
        Assert.Same(own, b.System.Provider.ResolveActorRef("/user/mine"));
    }

    [Fact]
    public async Task Ask_across_nodes_completes_with_the_reply_and_fails_with_the_remote_reason()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        a.System.ActorOf(Echo.Props(), "echo");
        var echo = b.System.Provider.ResolveActorRef(a.PathOf("/user/echo"));

        Assert.Equal("question", await echo.Ask<string>("question", Waiting.Timeout));
        Assert.Equal(42L, await echo.Ask<long>(42L, Waiting.Timeout));

        var failure = await Assert.ThrowsAsync<RemoteException>(() => echo.Ask<string>("fail", Waiting.Timeout));
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.OriginalType);
        Assert.Equal("echo refused", failure.OriginalMessage);
    }

    [Fact]
    public async Task Refs_inside_messages_arrive_as_remote_refs_that_reach_their_actor()
    {
        var serializers = SerializerRegistry.CreateDefault();
        serializers.Bind<Introduce>(new IntroduceSerializer());
        await using var a = RemoteNode.Start(1, output, serializers: serializers);
        await using var b = RemoteNode.Start(2, output, serializers: serializers);
        a.System.ActorOf(Greeter.Props(), "greeter");
        var probe = b.CreateProbe();
        var greeter = b.System.Provider.ResolveActorRef(a.PathOf("/user/greeter"));

        greeter.Tell(probe.Ref, ActorRefs.NoSender);
        Assert.Equal("hello from greeter", await probe.ExpectMsgAsync<string>());

        greeter.Tell(new Introduce(probe.Ref, "note"), ActorRefs.NoSender);
        Assert.Equal("hello from greeter", await probe.ExpectMsgAsync<string>());
        Assert.IsType<RemoteActorRef>(probe.LastSender);
    }

    [Fact]
    public async Task Three_nodes_talk_through_introduced_refs_and_forwarding_keeps_the_original_sender()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        await using var c = RemoteNode.Start(3, output);
        c.System.ActorOf(Greeter.Props(), "greeter");
        var echoOnC = c.System.ActorOf(Echo.Props(), "echo");
        var probe = a.CreateProbe();

        // a asks the greeter on c to greet a's probe; the probe's ref travelled a -> c inside the message.
        a.System.Provider.ResolveActorRef(c.PathOf("/user/greeter")).Tell(probe.Ref, ActorRefs.NoSender);
        Assert.Equal("hello from greeter", await probe.ExpectMsgAsync<string>());
        Assert.Equal(c.PathOf("/user/greeter"), probe.LastSender!.Path.ToString());

        // A forwarder on b passes a's message on to c keeping a's probe as sender: c replies straight to a.
        var forwarderOnB = b.System.ActorOf(Forwarder.Props(b.System.Provider.ResolveActorRef(c.PathOf("/user/echo"))), "forwarder");
        a.System.Provider.ResolveActorRef(b.PathOf("/user/forwarder")).Tell("through b", probe.Ref);
        Assert.Equal("through b", await probe.ExpectMsgAsync<string>());
        Assert.Equal(echoOnC.Path, probe.LastSender!.Path);
        Assert.NotNull(forwarderOnB);
    }

    [Fact]
    public async Task Remote_and_local_refs_behave_the_same_to_the_caller()
    {
        await using var a = RemoteNode.Start(1, output);
        await using var b = RemoteNode.Start(2, output);
        a.System.ActorOf(Echo.Props(), "echo");
        var localEcho = b.System.ActorOf(Echo.Props(), "echo");
        var remoteEcho = b.System.Provider.ResolveActorRef(a.PathOf("/user/echo"));
        var probe = b.CreateProbe();

        foreach (var echo in new[] { localEcho, remoteEcho })
        {
            echo.Tell("same", probe.Ref);
            Assert.Equal("same", await probe.ExpectMsgAsync<string>());
            probe.LastSender!.Tell("again", probe.Ref);
            Assert.Equal("again", await probe.ExpectMsgAsync<string>());
            Assert.Equal("asked", await echo.Ask<string>("asked", Waiting.Timeout));
        }
    }
}
