using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class ActorSelectionSpec() : TestKit(TestKitOptions.VirtualTime(seed: 15))
{
    private sealed record SelectAndTell(string Path, object Message);

    /// <summary>Creates named children and tells through relative selections on command.</summary>
    private sealed class Parent : ReceiveActor
    {
        public Parent(IActorRef probe)
        {
            Context.ActorOf(Props.Create(() => new Named(probe, "left")), "left");
            Context.ActorOf(Props.Create(() => new Named(probe, "right")), "right");
            Receive<SelectAndTell>(s => Context.ActorSelection(s.Path).Tell(s.Message, Sender));
        }
    }

    private sealed class Named : ReceiveActor
    {
        public Named(IActorRef probe, string name)
        {
            Receive<SelectAndTell>(s => Context.ActorSelection(s.Path).Tell(s.Message, Sender));
            Receive<string>(s => probe.Tell($"{name} got {s}"));
        }
    }

    [Fact]
    public void Absolute_and_relative_selections_reach_the_actor_living_at_the_path()
    {
        var parent = ActorOf(Props.Create(() => new Parent(TestActor)), "parent");
        Sys.ActorSelection("/user/parent/left").Tell("absolute", TestActor);
        ExpectMsg("left got absolute");
        Sys.ActorSelection($"{Sys.Provider.RootPath.Address}/user/parent/right").Tell("full address", TestActor);
        ExpectMsg("right got full address");
        parent.Tell(new SelectAndTell("left", "child path"), TestActor);
        ExpectMsg("left got child path");
        parent.Tell(new SelectAndTell("left", new SelectAndTell("../right", "sibling")), TestActor);
        ExpectMsg("right got sibling");
    }

    [Fact]
    public void Wildcards_are_refused_clearly()
    {
        var error = Assert.Throws<NotSupportedException>(() => Sys.ActorSelection("/user/*"));
        Assert.Contains("wildcard", error.Message);
    }

    [Fact]
    public void ResolveActorRef_distinguishes_incarnations_by_uid()
    {
        var first = ActorOf(Props.Create(() => new Named(TestActor, "x")), "x");
        Assert.Equal(first, Sys.Provider.ResolveActorRef(first.Path));
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        RunIfVirtual();
        var second = ActorOf(Props.Create(() => new Named(TestActor, "x")), "x");
        Assert.NotEqual(first, second);
        Assert.Equal(first.Path, second.Path);
        Assert.Equal(second, Sys.Provider.ResolveActorRef(second.Path));
        Assert.True(Sys.Provider.ResolveActorRef(first.Path) is IInternalActorRef { IsTerminated: true });
        Assert.Equal(second, Sys.Provider.ResolveActorRef(first.Path.WithUid(0)));
    }
}
