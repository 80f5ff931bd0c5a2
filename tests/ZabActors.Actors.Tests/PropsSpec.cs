using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class PropsSpec() : TestKit(TestKitOptions.VirtualTime(seed: 11))
{
    private sealed class Parameterless : ReceiveActor
    {
        public Parameterless() => ReceiveAny(_ => Sender.Tell("parameterless"));
    }

    private sealed class WithArgs : ReceiveActor
    {
        public WithArgs(string name, int count) => ReceiveAny(_ => Sender.Tell($"{name}:{count}"));
    }

    [Fact]
    public void All_creation_forms_build_working_actors()
    {
        var name = "n";
        var forms = new[]
        {
            Props.Create<Parameterless>(),
            Props.Create<WithArgs>("args", 1),
            Props.Create(() => new WithArgs(name, 2)),
            Props.Create(() => new WithArgs(name + "x", 3 * 1)),
            Props.CreateBy(() => new WithArgs("factory", 4)),
            Props.Create(typeof(WithArgs), "type", 5),
        };
        foreach (var props in forms) ActorOf(props).Tell("hi", TestActor);
        string[] expected = ["args:1", "factory:4", "n:2", "nx:3", "parameterless", "type:5"];
        Assert.Equal(expected, ReceiveN(6).Cast<string>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Constructor_arguments_are_captured_when_the_props_are_made()
    {
        var name = "before";
        var props = Props.Create(() => new WithArgs(name, 1));
        name = "after";
        ActorOf(props).Tell("hi", TestActor);
        ExpectMsg("before:1");
        Assert.Equal("after", name);
    }

    [Fact]
    public void Mismatched_arguments_fail_when_the_props_are_made()
    {
        var error = Assert.Throws<ArgumentException>(() => Props.Create<WithArgs>("only one"));
        Assert.Contains("no constructor accepting (String)", error.Message);
        Assert.Throws<ArgumentException>(() => Props.Create(typeof(string)));
    }

    [Fact]
    public void Dispatcher_and_strategy_are_carried()
    {
        var props = Props.Create<Parameterless>().WithDispatcher(Dispatchers.PinnedDispatcherId).WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy);
        Assert.Equal(Dispatchers.PinnedDispatcherId, props.Dispatcher);
        Assert.Same(SupervisorStrategy.StoppingStrategy, props.SupervisorStrategy);
        Assert.Equal(typeof(Parameterless), props.Type);
    }

    [Fact]
    public void An_unknown_dispatcher_is_refused_at_ActorOf()
    {
        var error = Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create<Parameterless>().WithDispatcher("no.such.dispatcher")));
        Assert.Contains("no.such.dispatcher", error.Message);
    }

    [Fact]
    public void Names_are_validated_and_unique_among_siblings()
    {
        ActorOf(Props.Create<Parameterless>(), "taken");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Parameterless>(), "taken"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Parameterless>(), "$reserved"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Parameterless>(), "has space"));
        var generated = ActorOf(Props.Create<Parameterless>());
        Assert.StartsWith("$", generated.Path.Name);
    }
}
