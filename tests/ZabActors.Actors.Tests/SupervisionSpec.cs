using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class SupervisionSpec() : TestKit(TestKitOptions.VirtualTime(seed: 5))
{
    private sealed record Fail(Exception Error);

    private sealed record Add(int Amount);

    private sealed record CreateSupervisor(SupervisorStrategy Strategy, IActorRef Probe);

    private sealed class GetState
    {
        public static readonly GetState Instance = new();
    }

    /// <summary>Counts additions, fails on demand, and reports its lifecycle hooks to the probe.</summary>
    private sealed class Counter : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly string _name;
        private int _state;

        public Counter(IActorRef probe, string name)
        {
            _probe = probe;
            _name = name;
            Receive<Add>(a => _state += a.Amount);
            Receive<GetState>(_ => Sender.Tell($"{_name}={_state}"));
            Receive<Fail>(f => throw f.Error);
        }

        protected override void PreStart() => _probe.Tell($"{_name}:PreStart");

        protected override void PostStop() => _probe.Tell($"{_name}:PostStop");

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"{_name}:PreRestart({reason.Message},{(message as Fail)?.Error.Message})");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _probe.Tell($"{_name}:PostRestart({reason.Message})");
            base.PostRestart(reason);
        }
    }

    /// <summary>Creates the children it is told to and supervises them with the given strategy.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(SupervisorStrategy strategy, IActorRef probe)
        {
            _strategy = strategy;
            Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create(() => new Counter(probe, name)), name)));
            Receive<CreateSupervisor>(c => Sender.Tell(Context.ActorOf(Props.Create(() => new Supervisor(c.Strategy, c.Probe)), "middle")));
            Receive<Fail>(f => throw f.Error);
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private IActorRef Child(IActorRef supervisor, string name)
    {
        supervisor.Tell(name, TestActor);
        var child = ExpectMsg<IActorRef>();
        ExpectMsg($"{name}:PreStart");
        return child;
    }

    private IActorRef SupervisorWith(SupervisorStrategy strategy) =>
        ActorOf(Props.Create(() => new Supervisor(strategy, TestActor)));

    private static OneForOneStrategy Always(Directive directive) => new(_ => directive);

    [Fact]
    public void Resume_keeps_the_state_and_drops_the_failing_message()
    {
        var child = Child(SupervisorWith(Always(Directive.Resume)), "c");
        child.Tell(new Add(2), TestActor);
        child.Tell(new Fail(new InvalidOperationException("x")), TestActor);
        child.Tell(new Add(3), TestActor);
        child.Tell(GetState.Instance, TestActor);
        ExpectMsg("c=5");
    }

    [Fact]
    public void Restart_resets_the_state_and_runs_the_hooks_in_order()
    {
        var child = Child(SupervisorWith(Always(Directive.Restart)), "c");
        child.Tell(new Add(2), TestActor);
        child.Tell(new Fail(new InvalidOperationException("bad")), TestActor);
        ExpectMsg("c:PreRestart(bad,bad)");
        ExpectMsg("c:PostStop");
        ExpectMsg("c:PostRestart(bad)");
        ExpectMsg("c:PreStart");
        child.Tell(new Add(3), TestActor);
        child.Tell(GetState.Instance, TestActor);
        ExpectMsg("c=3");
    }

    [Fact]
    public void Stop_terminates_the_child()
    {
        var child = Child(SupervisorWith(Always(Directive.Stop)), "c");
        Watch(child);
        child.Tell(new Fail(new InvalidOperationException("x")), TestActor);
        ExpectMsg("c:PostStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_hands_the_failure_to_the_grandparent()
    {
        var grand = SupervisorWith(Always(Directive.Restart));
        grand.Tell(new CreateSupervisor(Always(Directive.Escalate), TestActor), TestActor);
        var middle = ExpectMsg<IActorRef>();
        var leaf = Child(middle, "leaf");
        Watch(leaf);
        leaf.Tell(new Add(7), TestActor);
        leaf.Tell(new Fail(new ArithmeticException("deep")), TestActor);
        // grand restarts middle; middle's default PreRestart stops the leaf
        ExpectMsg("leaf:PostStop");
        ExpectTerminated(leaf);
        var fresh = Child(middle, "leaf");
        fresh.Tell(GetState.Instance, TestActor);
        ExpectMsg("leaf=0");
    }

    [Fact]
    public void Escalate_then_resume_resumes_the_failed_child_with_its_state()
    {
        var grand = SupervisorWith(Always(Directive.Resume));
        grand.Tell(new CreateSupervisor(Always(Directive.Escalate), TestActor), TestActor);
        var middle = ExpectMsg<IActorRef>();
        var leaf = Child(middle, "leaf");
        leaf.Tell(new Add(7), TestActor);
        leaf.Tell(new Fail(new ArithmeticException("deep")), TestActor);
        leaf.Tell(GetState.Instance, TestActor);
        ExpectMsg("leaf=7");
    }

    [Fact]
    public void Restarts_beyond_the_limit_within_the_window_stop_the_child()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromSeconds(10), _ => Directive.Restart);
        var child = Child(SupervisorWith(strategy), "c");
        Watch(child);
        for (int i = 1; i <= 2; i++)
        {
            child.Tell(new Fail(new InvalidOperationException($"f{i}")), TestActor);
            FishForMessage<string>(s => s == "c:PreStart");
            Advance(TimeSpan.FromSeconds(1));
        }
        child.Tell(new Fail(new InvalidOperationException("f3")), TestActor);
        FishForMessage<string>(s => s == "c:PostStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Restarts_spread_beyond_the_window_keep_the_child_alive()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromSeconds(10), _ => Directive.Restart);
        var child = Child(SupervisorWith(strategy), "c");
        for (int i = 1; i <= 5; i++)
        {
            child.Tell(new Fail(new InvalidOperationException($"f{i}")), TestActor);
            FishForMessage<string>(s => s == "c:PreStart");
            Advance(TimeSpan.FromSeconds(6));
        }
        child.Tell(GetState.Instance, TestActor);
        ExpectMsg("c=0");
    }

    [Fact]
    public void AllForOne_restarts_every_sibling()
    {
        var supervisor = SupervisorWith(new AllForOneStrategy(_ => Directive.Restart));
        var a = Child(supervisor, "a");
        var b = Child(supervisor, "b");
        a.Tell(new Add(1), TestActor);
        b.Tell(new Add(10), TestActor);
        a.Tell(new Fail(new InvalidOperationException("a broke")), TestActor);
        var hooks = ReceiveN(8).Cast<string>().ToList();
        Assert.Contains("a:PostRestart(a broke)", hooks);
        Assert.Contains("b:PostRestart(a broke)", hooks);
        a.Tell(GetState.Instance, TestActor);
        ExpectMsg("a=0");
        b.Tell(GetState.Instance, TestActor);
        ExpectMsg("b=0");
    }

    [Fact]
    public void AllForOne_stop_stops_every_sibling()
    {
        var supervisor = SupervisorWith(new AllForOneStrategy(_ => Directive.Stop));
        var a = Child(supervisor, "a");
        var b = Child(supervisor, "b");
        Watch(a);
        Watch(b);
        b.Tell(new Fail(new InvalidOperationException("b broke")), TestActor);
        var messages = ReceiveN(4);
        Assert.Contains("a:PostStop", messages);
        Assert.Contains("b:PostStop", messages);
        Assert.Equal(2, messages.OfType<Terminated>().Count());
    }

    [Fact]
    public void A_failing_top_level_actor_is_logged_and_stopped_by_the_guardian()
    {
        var top = ActorOf(Props.Create(() => new Counter(TestActor, "top")), "top");
        ExpectMsg("top:PreStart");
        Watch(top);
        top.Tell(new Fail(new InvalidOperationException("top broke")), TestActor);
        ExpectMsg("top:PostStop");
        ExpectTerminated(top);
        RunIfVirtual(); // the name is free once the guardian has processed the death, which may come after our Terminated
        var again = ActorOf(Props.Create(() => new Counter(TestActor, "top")), "top");
        ExpectMsg("top:PreStart");
        again.Tell(GetState.Instance, TestActor);
        ExpectMsg("top=0");
    }

    [Fact]
    public void The_default_strategy_restarts_and_stops_on_initialization_failure()
    {
        var parent = ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy, TestActor)));
        var child = Child(parent, "c");
        child.Tell(new Add(5), TestActor);
        child.Tell(new Fail(new InvalidOperationException("x")), TestActor);
        FishForMessage<string>(s => s == "c:PreStart");
        child.Tell(GetState.Instance, TestActor);
        ExpectMsg("c=0");
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorInitializationException(null, "x")));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorKilledException("x")));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new DeathPactException(child)));
    }

    [Fact]
    public void Kill_makes_the_actor_fail_and_the_default_strategy_stops_it()
    {
        var parent = ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy, TestActor)));
        var child = Child(parent, "c");
        Watch(child);
        child.Tell(Kill.Instance, TestActor);
        ExpectMsg("c:PostStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void A_constructor_failure_is_an_initialization_failure_and_stops_the_child()
    {
        var errors = CreateTestProbe();
        var parent = ActorOf(Props.Create(() => new ReportingParent(errors.Ref, Props.Create<Exploding>(), Directive.Stop)));
        var error = errors.ExpectMsg<ActorInitializationException>();
        Assert.IsType<InvalidOperationException>(error.InnerException);
        AwaitAssert(() => Assert.True(Sys.Provider.ResolveActorRef(parent.Path / "child") is IInternalActorRef { IsTerminated: true }));
    }

    private sealed class Exploding : ReceiveActor
    {
        public Exploding() => throw new InvalidOperationException("ctor");
    }
}
