using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class TimersSpec() : TestKit(TestKitOptions.VirtualTime(seed: 4))
{
    private sealed record StartSingle(object Key, object Message, TimeSpan Delay);

    private sealed record StartPeriodic(object Key, object Message, TimeSpan Initial, TimeSpan Interval);

    private sealed record CancelTimer(object Key);

    private sealed record IsActive(object Key);

    /// <summary>Starts and cancels timers on command and forwards whatever the timers deliver to the probe.</summary>
    private sealed class TimerUser : ReceiveActor, IWithTimers
    {
        public TimerUser(IActorRef probe, string incarnation)
        {
            Receive<StartSingle>(s => Timers.StartSingleTimer(s.Key, s.Message, s.Delay));
            Receive<StartPeriodic>(s => Timers.StartPeriodicTimer(s.Key, s.Message, s.Initial, s.Interval));
            Receive<CancelTimer>(c => Timers.Cancel(c.Key));
            Receive<IsActive>(a => probe.Tell(Timers.IsTimerActive(a.Key)));
            Receive<string>(s => s == "cancel-b", _ =>
            {
                Timers.Cancel("b");
                probe.Tell("cancelled b");
            });
            Receive<string>(s => s == "replace-b", _ =>
            {
                Timers.StartSingleTimer("b", "tick-b2", TimeSpan.FromSeconds(1));
                probe.Tell("replaced b");
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
            Receive<string>(s => probe.Tell($"{incarnation}:{s}"));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    /// <summary>Starts a periodic timer in PreStart so each incarnation has its own.</summary>
    private sealed class Ticker : ReceiveActor, IWithTimers
    {
        private static int _incarnations;

        public Ticker(IActorRef probe)
        {
            int incarnation = ++_incarnations;
            Receive<string>(s => s == "tick", _ => probe.Tell($"tick from {incarnation}"));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Single_timer_fires_once_after_its_delay()
    {
        var actor = ActorOf(Props.Create(() => new TimerUser(TestActor, "1")));
        actor.Tell(new StartSingle("k", "hello", TimeSpan.FromSeconds(5)), TestActor);
        ExpectNoMsg(TimeSpan.FromSeconds(4.9));
        Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg("1:hello"));
        ExpectNoMsg(TimeSpan.FromSeconds(30));
        actor.Tell(new IsActive("k"), TestActor);
        ExpectMsg(false);
    }

    [Fact]
    public void Periodic_timer_fires_every_interval_until_cancelled()
    {
        var actor = ActorOf(Props.Create(() => new TimerUser(TestActor, "1")));
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)), TestActor);
        var start = Runtime.Elapsed;
        for (int i = 0; i < 5; i++) ExpectMsg("1:beat");
        Assert.Equal(TimeSpan.FromSeconds(6), Runtime.Elapsed - start);
        actor.Tell(new CancelTimer("p"), TestActor);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_cancelled_timer_never_delivers_even_when_its_message_is_already_queued()
    {
        var actor = ActorOf(Props.Create(() => new TimerUser(TestActor, "1")));
        // Both timers fire at the same instant, "a" first: its message is processed while "b"'s tick is already queued.
        actor.Tell(new StartSingle("a", "cancel-b", TimeSpan.FromSeconds(1)), TestActor);
        actor.Tell(new StartSingle("b", "tick-b", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("cancelled b");
        ExpectNoMsg(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_replaced_timer_delivers_only_the_new_message()
    {
        var actor = ActorOf(Props.Create(() => new TimerUser(TestActor, "1")));
        actor.Tell(new StartSingle("a", "replace-b", TimeSpan.FromSeconds(1)), TestActor);
        actor.Tell(new StartSingle("b", "tick-b", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("replaced b");
        ExpectMsg("1:tick-b2");
        ExpectNoMsg(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Restarting_cancels_the_timers_of_the_old_incarnation()
    {
        var errors = CreateTestProbe();
        var parent = ActorOf(Props.Create(() => new ReportingParent(errors.Ref, Props.Create(() => new Ticker(TestActor)), Directive.Restart)));
        var first = ExpectMsg<string>(s => s.StartsWith("tick from "));
        parent.Tell("fail", TestActor);
        errors.ExpectMsg<InvalidOperationException>();
        var after = ReceiveN(3, TimeSpan.FromSeconds(3.5)).Cast<string>().ToArray();
        Assert.All(after, s => Assert.NotEqual(first, s));
        Assert.Single(after.Distinct());
    }

    [Fact]
    public void Stopping_cancels_all_timers_without_dead_letters()
    {
        var actor = ActorOf(Props.Create(() => new TimerUser(TestActor, "1")));
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), TestActor);
        actor.Tell(new StartSingle("s", "once", TimeSpan.FromSeconds(3)), TestActor);
        ExpectMsg("1:beat");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
        Assert.Equal(0, Sys.DeadLetterCount);
        Assert.Null(TestScheduler.NextDue);
    }
}
