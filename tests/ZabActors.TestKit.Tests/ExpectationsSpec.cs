using ZabActors.Actors;

namespace ZabActors.TestKit.Tests;

public sealed class ExpectationsSpec() : TestKit(TestKitOptions.VirtualTime(seed: 1))
{
    private IActorRef NewEcho() => ActorOf(Props.Create<Echo>());

    [Fact]
    public void ExpectMsg_by_type_predicate_and_value()
    {
        var echo = NewEcho();
        echo.Tell(new Ping(1), TestActor);
        echo.Tell(new Ping(2), TestActor);
        echo.Tell(new Ping(3), TestActor);
        Assert.Equal(1, ExpectMsg<Ping>().Zxid);
        ExpectMsg<Ping>(p => p.Zxid == 2);
        ExpectMsg(new Ping(3));
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void A_wrong_message_fails_showing_what_arrived_instead()
    {
        var echo = NewEcho();
        echo.Tell(new Ping(7), TestActor);
        echo.Tell(new Diff(1, 5), TestActor);
        RunIfVirtual();
        var error = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<LeaderInfo>(TimeSpan.FromSeconds(3)));
        Assert.Equal("expected LeaderInfo within 3s but got: [Ping { Zxid = 7 }, Diff { From = 1, To = 5 }]", error.Message);
    }

    [Fact]
    public void Silence_fails_saying_nothing_arrived()
    {
        var error = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<LeaderInfo>(TimeSpan.FromMilliseconds(500)));
        Assert.Equal("expected LeaderInfo within 500ms but got: [] (nothing arrived)", error.Message);
    }

    [Fact]
    public void A_value_mismatch_names_the_expected_value()
    {
        NewEcho().Tell(new LeaderInfo(1), TestActor);
        var error = Assert.Throws<TestKitAssertionException>(() => ExpectMsg(new LeaderInfo(2)));
        Assert.Equal("expected LeaderInfo equal to LeaderInfo { Epoch = 2 } within 3s but got: [LeaderInfo { Epoch = 1 }]", error.Message);
    }

    [Fact]
    public void ExpectNoMsg_fails_showing_the_unexpected_message()
    {
        NewEcho().Tell(new Ping(9), TestActor);
        var error = Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromSeconds(1)));
        Assert.Equal("expected no message for 1s but got: [Ping { Zxid = 9 }]", error.Message);
    }

    [Fact]
    public void ReceiveN_returns_messages_in_order_or_reports_how_many_came()
    {
        var echo = NewEcho();
        for (int i = 0; i < 3; i++) echo.Tell(new Ping(i), TestActor);
        Assert.Equal([new Ping(0), new Ping(1), new Ping(2)], ReceiveN(3));
        echo.Tell(new Ping(3), TestActor);
        var error = Assert.Throws<TestKitAssertionException>(() => ReceiveN(2, TimeSpan.FromSeconds(1)));
        Assert.Equal("expected 2 messages within 1s but got 1: [Ping { Zxid = 3 }]", error.Message);
    }

    [Fact]
    public void FishForMessage_skips_until_a_match_and_lists_what_it_skipped_on_failure()
    {
        var echo = NewEcho();
        echo.Tell(new Ping(1), TestActor);
        echo.Tell(new Ping(2), TestActor);
        echo.Tell(new LeaderInfo(4), TestActor);
        Assert.Equal(4, FishForMessage<LeaderInfo>(_ => true).Epoch);
        echo.Tell(new Ping(5), TestActor);
        var error = Assert.Throws<TestKitAssertionException>(() => FishForMessage<LeaderInfo>(_ => true, TimeSpan.FromSeconds(2)));
        Assert.Equal("fished for LeaderInfo for 2s but got: [Ping { Zxid = 5 }]", error.Message);
    }

    [Fact]
    public void ExpectMsgFrom_checks_the_sender()
    {
        var echo = NewEcho();
        var other = NewEcho();
        echo.Tell("x", TestActor);
        ExpectMsgFrom<string>(echo);
        other.Tell("y", TestActor);
        var error = Assert.Throws<TestKitAssertionException>(() => ExpectMsgFrom<string>(echo));
        Assert.Contains("but it came from", error.Message);
    }

    [Fact]
    public void ReceiveOne_returns_null_on_silence()
    {
        Assert.Null(ReceiveOne(TimeSpan.FromSeconds(1)));
        NewEcho().Tell("hi", TestActor);
        Assert.Equal("hi", ReceiveOne());
    }

    [Fact]
    public void Reply_answers_the_last_sender()
    {
        var probe = CreateTestProbe();
        probe.Send(TestActor, "question");
        Assert.Equal("question", ExpectMsg<string>());
        Assert.Equal(probe.Ref, LastSender);
        Reply("answer");
        probe.ExpectMsg("answer");
        Assert.Equal(TestActor, probe.LastSender);
    }

    [Fact]
    public void Probes_have_their_own_queues()
    {
        var a = CreateTestProbe("a");
        var b = CreateTestProbe("b");
        var echo = NewEcho();
        echo.Tell("to a", a.Ref);
        echo.Tell("to b", b.Ref);
        b.ExpectMsg("to b");
        a.ExpectMsg("to a");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal("a", a.Ref.Path.Name);
    }

    [Fact]
    public void Watch_and_ExpectTerminated()
    {
        var echo = NewEcho();
        Watch(echo);
        echo.Tell(PoisonPill.Instance, TestActor);
        var terminated = ExpectTerminated(echo);
        Assert.True(terminated.ExistenceConfirmed);
        var other = NewEcho();
        var error = Assert.Throws<TestKitAssertionException>(() => ExpectTerminated(other, TimeSpan.FromSeconds(1)));
        Assert.StartsWith("expected Terminated of", error.Message);
    }
}
