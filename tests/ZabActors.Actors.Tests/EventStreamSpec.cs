using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class EventStreamSpec() : TestKit(TestKitOptions.VirtualTime(seed: 14))
{
    private interface IEvent;

    private sealed record Started(int Id) : IEvent;

    private sealed record Stopped(int Id) : IEvent;

    [Fact]
    public void Subscribers_receive_events_assignable_to_their_channel_once()
    {
        var all = CreateTestProbe();
        var onlyStarted = CreateTestProbe();
        Assert.True(Sys.EventStream.Subscribe(all.Ref, typeof(IEvent)));
        Assert.True(Sys.EventStream.Subscribe(all.Ref, typeof(object)));
        Assert.False(Sys.EventStream.Subscribe(all.Ref, typeof(IEvent)));
        Sys.EventStream.Subscribe(onlyStarted.Ref, typeof(Started));
        Sys.EventStream.Publish(new Started(1));
        Sys.EventStream.Publish(new Stopped(1));
        all.ExpectMsg(new Started(1));
        all.ExpectMsg(new Stopped(1));
        all.ExpectNoMsg(TimeSpan.FromSeconds(1));
        onlyStarted.ExpectMsg(new Started(1));
        onlyStarted.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Unsubscribed_and_dead_subscribers_receive_nothing()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Started));
        Assert.True(Sys.EventStream.Unsubscribe(probe.Ref, typeof(Started)));
        Sys.EventStream.Publish(new Started(2));
        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));

        var doomed = CreateTestProbe();
        Sys.EventStream.Subscribe(doomed.Ref, typeof(Started));
        Watch(doomed.Ref);
        Sys.Stop(doomed.Ref);
        ExpectTerminated(doomed.Ref);
        Sys.EventStream.Publish(new Started(3));
        RunIfVirtual();
        Assert.False(Sys.EventStream.Unsubscribe(doomed.Ref));
        Assert.Equal(0, Sys.DeadLetterCount);
    }
}
