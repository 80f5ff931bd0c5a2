using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class DeathWatchSpec() : TestKit(TestKitOptions.VirtualTime(seed: 6))
{
    private sealed record WatchIt(IActorRef Target, object? Custom = null);

    private sealed record UnwatchIt(IActorRef Target);

    /// <summary>Watches on command and reports what it hears; optionally leaves Terminated unhandled.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe, bool handleTerminated)
        {
            Receive<WatchIt>(w =>
            {
                if (w.Custom is null) Context.Watch(w.Target);
                else Context.WatchWith(w.Target, w.Custom);
                probe.Tell("watching");
            });
            Receive<UnwatchIt>(u =>
            {
                Context.Unwatch(u.Target);
                probe.Tell("unwatched");
            });
            if (handleTerminated) Receive<Terminated>(t => probe.Tell($"terminated {t.ActorRef.Path.Name} confirmed={t.ExistenceConfirmed} address={t.AddressTerminated}"));
            Receive<string>(s => probe.Tell($"custom {s}"));
        }
    }

    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    private IActorRef WatcherOf(IActorRef target, bool handle = true, object? custom = null)
    {
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor, handle)));
        watcher.Tell(new WatchIt(target, custom), TestActor);
        ExpectMsg("watching");
        return watcher;
    }

    [Fact]
    public void A_watcher_receives_Terminated_when_the_watched_actor_stops()
    {
        var target = ActorOf(Props.Create<Silent>(), "target");
        WatcherOf(target);
        Sys.Stop(target);
        ExpectMsg("terminated target confirmed=True address=False");
    }

    [Fact]
    public void Watching_an_already_dead_actor_yields_Terminated_at_once()
    {
        var target = ActorOf(Props.Create<Silent>(), "target");
        Watch(target);
        Sys.Stop(target);
        Assert.True(ExpectTerminated(target).ExistenceConfirmed);
        WatcherOf(target);
        ExpectMsg("terminated target confirmed=False address=False");
    }

    [Fact]
    public void Watching_a_path_where_no_actor_lives_yields_Terminated()
    {
        var ghost = Sys.Provider.ResolveActorRef(Sys.Provider.Guardian.Path / "ghost");
        WatcherOf(ghost);
        ExpectMsg("terminated ghost confirmed=False address=False");
    }

    [Fact]
    public void A_Terminated_sent_by_hand_is_not_delivered()
    {
        var target = ActorOf(Props.Create<Silent>());
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor, true)));
        watcher.Tell(new Terminated(target, true, false), TestActor);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Unwatch_prevents_the_Terminated()
    {
        var target = ActorOf(Props.Create<Silent>());
        var watcher = WatcherOf(target);
        watcher.Tell(new UnwatchIt(target), TestActor);
        ExpectMsg("unwatched");
        Sys.Stop(target);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message()
    {
        var target = ActorOf(Props.Create<Silent>());
        WatcherOf(target, custom: "gone");
        Sys.Stop(target);
        ExpectMsg("custom gone");
    }

    [Fact]
    public void An_unhandled_Terminated_kills_the_watcher_with_a_DeathPactException()
    {
        var target = ActorOf(Props.Create<Silent>());
        var watcher = WatcherOf(target, handle: false);
        Watch(watcher);
        Sys.Stop(target);
        ExpectTerminated(watcher);
    }

    [Fact]
    public void Messages_sent_before_death_arrive_before_Terminated()
    {
        var target = ActorOf(Props.Create(() => new LastWords(TestActor)));
        Watch(target);
        target.Tell("die", TestActor);
        ExpectMsg("last words");
        ExpectTerminated(target);
    }

    private sealed class LastWords : ReceiveActor
    {
        public LastWords(IActorRef probe) => Receive<string>(_ =>
        {
            probe.Tell("last words");
            Context.Stop(Self);
        });
    }
}
