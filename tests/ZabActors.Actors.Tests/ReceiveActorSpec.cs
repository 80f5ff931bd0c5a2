using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class ReceiveActorSpec() : TestKit(TestKitOptions.VirtualTime(seed: 1))
{
    private sealed record Greet(string Who);

    private sealed record Count(int Value);

    /// <summary>Routes by type and predicate in registration order.</summary>
    private sealed class Router : ReceiveActor
    {
        public Router()
        {
            Receive<Count>(c => c.Value < 0, c => Sender.Tell($"negative {c.Value}"));
            Receive<Count>(c => Sender.Tell($"count {c.Value}"));
            Receive<string>(s => s.StartsWith('!') ? false : Reply($"string {s}"));
            Receive<object>(o => o is string, o => Sender.Tell($"fallback {o}"));
            ReceiveAny(o => Sender.Tell($"any {o.GetType().Name}"));
        }

        private bool Reply(string text)
        {
            Sender.Tell(text);
            return true;
        }
    }

    /// <summary>Switches between two behaviours, with a stacked third one.</summary>
    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Happy();
        }

        private void Happy()
        {
            Receive<string>(s => s == "swap", _ => Become(Angry));
            Receive<string>(s => s == "push", _ => BecomeStacked(() =>
            {
                Receive<string>(t => t == "pop", _ => UnbecomeStacked());
                Receive<string>(t => Sender.Tell($"stacked:{t}"));
            }));
            Receive<string>(s => Sender.Tell($"happy:{s}"));
        }

        private void Angry()
        {
            Receive<string>(s => s == "swap", _ => Become(Happy));
            Receive<string>(s => Sender.Tell($"angry:{s}"));
        }
    }

    [Fact]
    public void Handlers_are_tried_in_registration_order_with_predicates()
    {
        var router = ActorOf(Props.Create<Router>());
        router.Tell(new Count(-2), TestActor);
        router.Tell(new Count(3), TestActor);
        router.Tell("hello", TestActor);
        router.Tell("!bang", TestActor);
        router.Tell(new Greet("x"), TestActor);
        ExpectMsg("negative -2");
        ExpectMsg("count 3");
        ExpectMsg("string hello");
        ExpectMsg("fallback !bang");
        ExpectMsg("any Greet");
    }

    [Fact]
    public void Become_replaces_and_BecomeStacked_pushes_behaviour()
    {
        var actor = ActorOf(Props.Create<Switcher>());
        foreach (var m in new[] { "a", "swap", "b", "swap", "c", "push", "d", "pop", "e" }) actor.Tell(m, TestActor);
        ExpectMsg("happy:a");
        ExpectMsg("angry:b");
        ExpectMsg("happy:c");
        ExpectMsg("stacked:d");
        ExpectMsg("happy:e");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        var onlyInts = ActorOf(Props.Create(() => new OnlyInts()));
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        onlyInts.Tell("not an int", TestActor);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal("not an int", unhandled.Message);
        Assert.Equal(onlyInts, unhandled.Recipient);
        Assert.Equal(TestActor, unhandled.Sender);
    }

    [Fact]
    public void Receive_outside_constructor_or_Become_fails_the_actor()
    {
        var actor = ActorOf(Props.Create(() => new LateRegistration()));
        Watch(actor);
        actor.Tell("register", TestActor);
        ExpectMsg<string>(s => s.Contains("Receive handlers can only be registered"));
        actor.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void Constructing_an_actor_with_new_is_refused()
    {
        var error = Assert.Throws<ActorInitializationException>(() => new OnlyInts());
        Assert.Contains("must be created by the runtime", error.Message);
    }

    [Fact]
    public void Identify_is_answered_by_every_actor()
    {
        var actor = ActorOf(Props.Create<OnlyInts>(), "identified");
        actor.Tell(new Identify(42), TestActor);
        Assert.Equal(new ActorIdentity(42, actor), ExpectMsg<ActorIdentity>());
    }

    private sealed class OnlyInts : ReceiveActor
    {
        public OnlyInts() => Receive<int>(i => Sender.Tell(i));
    }

    private sealed class LateRegistration : ReceiveActor
    {
        public LateRegistration()
        {
            Receive<string>(s => s == "register", _ =>
            {
                try
                {
                    Receive<int>(_ => { });
                }
                catch (InvalidOperationException e)
                {
                    Sender.Tell(e.Message);
                }
            });
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong"));
        }
    }
}
