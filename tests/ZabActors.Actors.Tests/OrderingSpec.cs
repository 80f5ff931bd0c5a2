using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

using ZabActors.TestKit;

/// <summary>Per-sender FIFO on the real thread pool, with many concurrent senders.</summary>
public sealed class OrderingSpec : TestKit
{
    private const int Senders = 8;
    private const int MessagesPerSender = 20_000;

    private sealed record Numbered(int Sender, int Sequence);

    /// <summary>Checks that each sender's sequence numbers arrive in order and reports once all arrived.</summary>
    private sealed class SequenceChecker : ReceiveActor
    {
        private readonly int[] _next = new int[Senders];
        private int _violations;
        private int _received;

        public SequenceChecker(IActorRef probe)
        {
            Receive<Numbered>(n =>
            {
                if (n.Sequence != _next[n.Sender]) _violations++;
                _next[n.Sender] = n.Sequence + 1;
                if (++_received == Senders * MessagesPerSender) probe.Tell($"done violations={_violations}");
            });
        }
    }

    /// <summary>Sends its numbered messages from inside an actor, so senders run concurrently on the pool.</summary>
    private sealed class NumberSender : ReceiveActor
    {
        public NumberSender(int id, IActorRef target)
        {
            Receive<string>(_ =>
            {
                for (int i = 0; i < MessagesPerSender; i++) target.Tell(new Numbered(id, i));
            });
        }
    }

    [Fact]
    public void Messages_from_one_sender_arrive_in_send_order()
    {
        var checker = ActorOf(Props.Create(() => new SequenceChecker(TestActor)));
        var threads = new List<Thread>();
        for (int s = 0; s < Senders / 2; s++)
        {
            int id = s;
            threads.Add(new Thread(() =>
            {
                for (int i = 0; i < MessagesPerSender; i++) checker.Tell(new Numbered(id, i), ActorRefs.NoSender);
            }));
        }
        for (int s = Senders / 2; s < Senders; s++)
        {
            int id = s;
            ActorOf(Props.Create(() => new NumberSender(id, checker))).Tell("go", TestActor);
        }
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        ExpectMsg("done violations=0", TimeSpan.FromSeconds(20));
    }
}
