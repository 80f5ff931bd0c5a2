using ZabActors.Actors;

namespace ZabActors.TestKit.Tests;

public sealed class RealTimeSpec : TestKit
{
    public RealTimeSpec() : base("zab.actor.ask-timeout = 2s")
    {
    }

    [Fact]
    public void The_configuration_given_to_the_constructor_applies()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Sys.Settings.AskTimeout);
        Assert.False(IsVirtualTime);
        Assert.Throws<InvalidOperationException>(() => Runtime);
    }

    [Fact]
    public void ExpectMsg_waits_for_a_message_sent_from_another_thread()
    {
        var echo = ActorOf(Props.Create<Echo>());
        var sender = new Thread(() => echo.Tell(new Ping(1), TestActor));
        sender.Start();
        ExpectMsg(new Ping(1), TimeSpan.FromSeconds(10));
        sender.Join();
    }

    [Fact]
    public void Timeouts_in_real_time_report_what_arrived()
    {
        var error = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<LeaderInfo>(TimeSpan.FromMilliseconds(50)));
        Assert.Equal("expected LeaderInfo within 50ms but got: [] (nothing arrived)", error.Message);
    }

    [Fact]
    public void AwaitAssert_retries_in_real_time()
    {
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("delay:0.05:x", TestActor);
        object? received = null;
        AwaitAssert(() => Assert.Equal("x", received ??= ReceiveOne(TimeSpan.Zero)), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void Dispose_terminates_the_system()
    {
        var kit = new TestKit();
        var system = kit.Sys;
        kit.Dispose();
        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
    }
}
