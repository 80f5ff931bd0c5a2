using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

/// <summary>The same lifecycle paths as the virtual-time specs, on the real thread pool.</summary>
public sealed class ThreadPoolSpec : TestKit
{
    private sealed class Fragile : ReceiveActor
    {
        private int _count;

        public Fragile()
        {
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("fragile"));
            Receive<string>(s => s == "make-child", _ => Sender.Tell(Context.ActorOf(Props.Create<Fragile>(), "child")));
            Receive<string>(_ => Sender.Tell(++_count));
        }
    }

    [Fact]
    public void A_failing_child_is_restarted_and_a_failing_top_level_actor_is_stopped()
    {
        var top = ActorOf(Props.Create<Fragile>(), "top");
        top.Tell("make-child", TestActor);
        var child = ExpectMsg<IActorRef>();
        child.Tell("count", TestActor);
        ExpectMsg(1);
        child.Tell("fail", TestActor);
        child.Tell("count", TestActor);
        ExpectMsg(1);
        Watch(top);
        top.Tell("fail", TestActor);
        ExpectTerminated(top);
        Assert.True(((IInternalActorRef)child).IsTerminated);
    }

    [Fact]
    public void Many_actors_exchange_messages_concurrently_without_loss()
    {
        var actors = Enumerable.Range(0, 50).Select(i => ActorOf(Props.Create<Fragile>(), $"a{i}")).ToArray();
        foreach (var actor in actors)
        {
            for (int i = 0; i < 200; i++) actor.Tell("count", TestActor);
        }
        var replies = ReceiveN(50 * 200, TimeSpan.FromSeconds(20));
        Assert.Equal(50, replies.Cast<int>().Count(n => n == 200));
    }
}
