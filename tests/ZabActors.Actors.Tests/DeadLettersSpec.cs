using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class DeadLettersSpec() : TestKit(TestKitOptions.VirtualTime(seed: 7))
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void Messages_to_a_stopped_actor_are_counted_and_published_as_dead_letters()
    {
        var echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        echo.Tell("one", TestActor);
        echo.Tell("two", TestActor);
        var first = ExpectMsg<DeadLetter>();
        Assert.Equal("one", first.Message);
        Assert.Equal(TestActor, first.Sender);
        Assert.Equal(echo, first.Recipient);
        Assert.Equal("two", ExpectMsg<DeadLetter>().Message);
        Assert.Equal(2, Sys.DeadLetterCount);
    }

    [Fact]
    public void Messages_queued_behind_a_PoisonPill_become_dead_letters()
    {
        var echo = ActorOf(Props.Create<Echo>());
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        echo.Tell("before", TestActor);
        echo.Tell(PoisonPill.Instance, TestActor);
        echo.Tell("after", TestActor);
        ExpectMsg("before");
        Assert.Equal("after", ExpectMsg<DeadLetter>().Message);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void A_reply_to_no_sender_is_a_dead_letter()
    {
        var echo = ActorOf(Props.Create<Echo>());
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        echo.Tell("nobody asked", ActorRefs.NoSender);
        var dead = ExpectMsg<DeadLetter>();
        Assert.Equal("nobody asked", dead.Message);
        Assert.Equal(Sys.DeadLetters, dead.Recipient);
        Assert.Equal(echo, dead.Sender);
    }

    [Fact]
    public void Messages_to_an_unknown_path_are_dead_letters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Sys.ActorSelection("/user/nobody-here").Tell("hello", TestActor);
        Assert.Equal("hello", ExpectMsg<DeadLetter>().Message);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Suppressed_kinds_are_not_counted()
    {
        var echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        echo.Tell(PoisonPill.Instance, TestActor);
        RunIfVirtual();
        Assert.Equal(0, Sys.DeadLetterCount);
    }
}
