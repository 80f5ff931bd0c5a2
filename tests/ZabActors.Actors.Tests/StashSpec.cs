using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class StashSpec() : TestKit(TestKitOptions.VirtualTime(seed: 2))
{
    /// <summary>Stashes everything until "open", then replays it in order before new messages.</summary>
    private sealed class Gate : ReceiveActor, IWithStash
    {
        public Gate(IActorRef probe) => Closed(probe);

        public IStash Stash { get; set; } = null!;

        private void Closed(IActorRef probe)
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() =>
                {
                    Receive<string>(s => s == "close", _ => Become(() => Closed(probe)));
                    Receive<string>(s => probe.Tell($"got {s}"));
                });
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "count", _ => probe.Tell(Stash.Count));
            Receive<string>(_ => Stash.Stash());
        }
    }

    [Fact]
    public void Unstashed_messages_come_before_later_messages_in_their_original_order()
    {
        var gate = ActorOf(Props.Create(() => new Gate(TestActor)));
        foreach (var m in new[] { "a", "b", "c", "open", "d" }) gate.Tell(m, TestActor);
        ExpectMsg("got a");
        ExpectMsg("got b");
        ExpectMsg("got c");
        ExpectMsg("got d");
    }

    [Fact]
    public void Unstashed_messages_keep_their_original_sender()
    {
        var probe = CreateTestProbe();
        var gate = ActorOf(Props.Create(() => new SenderEcho()));
        gate.Tell("x", probe.Ref);
        gate.Tell("open", TestActor);
        probe.ExpectMsg("echo x");
    }

    [Fact]
    public void Stash_beyond_capacity_fails_the_actor_with_a_clear_error()
    {
        using var kit = new TestKit(TestKitOptions.VirtualTime(3, "zab.actor.stash-capacity = 2"));
        var errors = kit.CreateTestProbe();
        var parent = kit.ActorOf(Props.Create(() => new ReportingParent(errors.Ref, Props.Create(() => new Gate(errors.Ref)), Directive.Resume)));
        parent.Tell("a", kit.TestActor);
        parent.Tell("b", kit.TestActor);
        parent.Tell("c", kit.TestActor);
        var error = errors.ExpectMsg<StashOverflowException>();
        Assert.Contains("full (2 messages", error.Message);
    }

    [Fact]
    public void A_restart_hands_the_stash_to_the_new_incarnation()
    {
        var errors = CreateTestProbe();
        var gate = ActorOf(Props.Create(() => new ReportingParent(errors.Ref, Props.Create(() => new Gate(TestActor)), Directive.Restart)));
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("fail", TestActor);
        gate.Tell("count", TestActor);
        errors.ExpectMsg<InvalidOperationException>();
        ExpectMsg(2);
        gate.Tell("open", TestActor);
        ExpectMsg("got a");
        ExpectMsg("got b");
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var gate = ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        RunIfVirtual();
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Sys.Stop(gate);
        Assert.Equal("a", ExpectMsg<DeadLetter>().Message);
        Assert.Equal("b", ExpectMsg<DeadLetter>().Message);
        Assert.Equal(2, Sys.DeadLetterCount);
    }

    [Fact]
    public void Stashing_the_same_message_twice_is_refused()
    {
        var errors = CreateTestProbe();
        ActorOf(Props.Create(() => new ReportingParent(errors.Ref, Props.Create<DoubleStasher>(), Directive.Resume))).Tell("x", TestActor);
        Assert.Contains("more than once", errors.ExpectMsg<IllegalActorStateException>().Message);
    }

    private sealed class SenderEcho : ReceiveActor, IWithStash
    {
        public SenderEcho()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => Receive<string>(s => Sender.Tell($"echo {s}")));
                Stash.UnstashAll();
            });
            Receive<string>(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;
    }

    private sealed class DoubleStasher : ReceiveActor, IWithStash
    {
        public DoubleStasher()
        {
            Receive<string>(_ =>
            {
                Stash.Stash();
                Stash.Stash();
            });
        }

        public IStash Stash { get; set; } = null!;
    }
}
