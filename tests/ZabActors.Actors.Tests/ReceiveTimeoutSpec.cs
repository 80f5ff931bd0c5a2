using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class ReceiveTimeoutSpec() : TestKit(TestKitOptions.VirtualTime(seed: 12))
{
    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(10));
            Receive<ReceiveTimeout>(_ => probe.Tell($"timeout at {Context.System.Scheduler.MonotonicClock.TotalSeconds}"));
            Receive<string>(s => s == "off", _ => Context.SetReceiveTimeout(null));
            Receive<string>(_ => { });
        }
    }

    [Fact]
    public void ReceiveTimeout_arrives_after_the_idle_period_and_repeats()
    {
        ActorOf(Props.Create(() => new Idle(TestActor)));
        ExpectMsg("timeout at 10", TimeSpan.FromSeconds(11));
        ExpectMsg("timeout at 20", TimeSpan.FromSeconds(11));
    }

    [Fact]
    public void Messages_postpone_the_timeout()
    {
        var actor = ActorOf(Props.Create(() => new Idle(TestActor)));
        for (int i = 0; i < 5; i++)
        {
            Advance(TimeSpan.FromSeconds(6));
            actor.Tell("activity", TestActor);
        }
        ExpectMsg("timeout at 40", TimeSpan.FromSeconds(11));
    }

    [Fact]
    public void Setting_no_timeout_turns_it_off()
    {
        var actor = ActorOf(Props.Create(() => new Idle(TestActor)));
        actor.Tell("off", TestActor);
        ExpectNoMsg(TimeSpan.FromSeconds(60));
    }
}
