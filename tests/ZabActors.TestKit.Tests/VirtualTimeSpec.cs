using ZabActors.Actors;

namespace ZabActors.TestKit.Tests;

public sealed class VirtualTimeSpec() : TestKit(TestKitOptions.VirtualTime(seed: 2))
{
    [Fact]
    public void Timer_driven_replies_are_awaited_in_virtual_time_only_as_long_as_needed()
    {
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("delay:10:late", TestActor);
        var start = Runtime.Elapsed;
        ExpectMsg("late", TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(10), Runtime.Elapsed - start);
    }

    [Fact]
    public void A_reply_after_the_timeout_fails_and_time_stops_at_the_deadline()
    {
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("delay:10:late", TestActor);
        var start = Runtime.Elapsed;
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg("late", TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(5), Runtime.Elapsed - start);
        ExpectMsg("late", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ExpectNoMsg_advances_virtual_time_by_its_duration()
    {
        var start = Runtime.Elapsed;
        ExpectNoMsg(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromMinutes(10), Runtime.Elapsed - start);
    }

    [Fact]
    public void Advance_moves_time_and_runs_what_became_due()
    {
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("delay:3:tick", TestActor);
        Advance(TimeSpan.FromSeconds(2));
        Assert.Null(ReceiveOne(TimeSpan.Zero));
        TestScheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("tick", ReceiveOne(TimeSpan.Zero));
        Assert.Equal(DeterministicRuntime.DefaultStartTime + Runtime.Elapsed, TestScheduler.Now);
    }

    [Fact]
    public void Within_measures_virtual_time_and_bounds_inner_expectations()
    {
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("delay:2:fast", TestActor);
        Within(TimeSpan.FromSeconds(3), () => ExpectMsg("fast"));
        echo.Tell("delay:5:slow", TestActor);
        var error = Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromSeconds(3), () => ExpectMsg("slow")));
        Assert.Contains("within 3s", error.Message);
        Within(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), () => ExpectMsg("slow"));
    }

    [Fact]
    public void Within_fails_a_block_that_finishes_too_early()
    {
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("now", TestActor);
        var error = Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), () => ExpectMsg("now")));
        Assert.Contains("less than the Within minimum of 1s", error.Message);
    }

    [Fact]
    public void AwaitAssert_retries_as_virtual_time_passes()
    {
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("delay:4:done", TestActor);
        AwaitAssert(() => Assert.Equal("done", ReceiveOne(TimeSpan.Zero)), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(4), Runtime.Elapsed);
    }

    [Fact]
    public void AwaitAssert_rethrows_the_last_failure_after_its_duration()
    {
        var attempts = 0;
        var error = Assert.Throws<InvalidOperationException>(() =>
            AwaitAssert(() => throw new InvalidOperationException($"attempt {++attempts}"), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1)));
        Assert.Equal($"attempt {attempts}", error.Message);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public void AwaitCondition_waits_in_virtual_time_and_reports_its_message()
    {
        bool flag = false;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(2), () => flag = true);
        AwaitCondition(() => flag, TimeSpan.FromSeconds(5));
        var error = Assert.Throws<TestKitAssertionException>(() => AwaitCondition(() => false, TimeSpan.FromSeconds(1), message: "never"));
        Assert.Equal("condition 'never' was not met within 1s", error.Message);
    }

    [Fact]
    public void Everything_runs_on_the_test_thread()
    {
        var thread = Environment.CurrentManagedThreadId;
        var probe = CreateTestProbe();
        ActorOf(Props.Create(() => new ThreadReporter(probe.Ref))).Tell("which", TestActor);
        probe.ExpectMsg(thread);
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter(IActorRef probe) => ReceiveAny(_ => probe.Tell(Environment.CurrentManagedThreadId));
    }
}
