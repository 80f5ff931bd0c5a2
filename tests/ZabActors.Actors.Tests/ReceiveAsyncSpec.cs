using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

public sealed class ReceiveAsyncSpec() : TestKit(TestKitOptions.VirtualTime(seed: 13))
{
    private sealed class Doubler : ReceiveActor
    {
        public Doubler() => Receive<int>(i => Sender.Tell(i * 2));
    }

    /// <summary>Awaits an Ask inside its handler; no other message may run in between.</summary>
    private sealed class Awaiting : ReceiveActor
    {
        public Awaiting(IActorRef doubler)
        {
            ReceiveAsync<int>(async i =>
            {
                var doubled = await doubler.Ask<int>(i, TimeSpan.FromSeconds(1));
                Sender.Tell($"async {i}->{doubled} from {Self.Path.Name}");
            });
            Receive<string>(s => s == "boom", _ => { });
            ReceiveAsync<string>(async s =>
            {
                await Task.Yield();
                throw new InvalidOperationException(s);
            });
            Receive<char>(c => Sender.Tell($"sync {c}"));
        }
    }

    [Fact]
    public void An_async_handler_keeps_its_sender_and_blocks_later_messages_until_done()
    {
        var doubler = ActorOf(Props.Create<Doubler>());
        var actor = ActorOf(Props.Create(() => new Awaiting(doubler)), "awaiting");
        actor.Tell(1, TestActor);
        actor.Tell('x', TestActor);
        actor.Tell(2, TestActor);
        ExpectMsg("async 1->2 from awaiting");
        ExpectMsg("sync x");
        ExpectMsg("async 2->4 from awaiting");
    }

    [Fact]
    public void A_failing_async_handler_fails_the_actor()
    {
        var errors = CreateTestProbe();
        var parent = ActorOf(Props.Create(() => new ReportingParent(errors.Ref, Props.Create(() => new Awaiting(TestActor)), Directive.Resume)));
        parent.Tell("broken", TestActor);
        Assert.Equal("broken", errors.ExpectMsg<InvalidOperationException>().Message);
        parent.Tell('y', TestActor);
        ExpectMsg("sync y");
    }
}
