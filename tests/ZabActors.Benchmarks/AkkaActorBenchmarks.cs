using System.Globalization;
using Akka.Actor;

namespace ZabActors.Benchmarks;

/// <summary>
/// The <c>actors</c> benchmark's two shapes on Akka.NET's default dispatcher: ping-pong (2 pairs, 1000
/// in flight per pair) and a 1 -> 8 fan-out with credit every 100 messages. Same counting and window
/// as <see cref="ActorBenchmarks"/>, so the two lines compare the runtimes directly.
/// </summary>
/// <remarks>Usage: <c>akka-actors [--seconds N] [--warmup N]</c>.</remarks>
public static class AkkaActorBenchmarks
{
    private const int Pairs = 2;
    private const int InFlight = 1000;
    private const int FanOut = 8;
    private const int CreditBatch = 100;
    private const string Quiet = "akka.loglevel = WARNING\nakka.log-dead-letters = off";

    public static async Task<int> RunAsync(string[] args)
    {
        var window = new MeasureWindow(Warmup: TimeSpan.FromSeconds(2), Measure: TimeSpan.FromSeconds(5));
        for (var i = 0; i < args.Length; i++)
        {
            if (!MeasureWindow.TryRead(args, ref i, ref window))
                return MeasureWindow.Usage("akka-actors", args[i]);
        }
        await RunPingPongAsync(window);
        await RunFanOutAsync(window);
        return 0;
    }

    private static async Task RunPingPongAsync(MeasureWindow window)
    {
        using var system = ActorSystem.Create("bench-pingpong", Quiet);
        var counters = Counters(Pairs * 2);
        for (var pair = 0; pair < Pairs; pair++)
        {
            var ping = system.ActorOf(Props.Create(() => new Bouncer(counters[pair * 2])), $"ping-{pair}");
            var pong = system.ActorOf(Props.Create(() => new Bouncer(counters[pair * 2 + 1])), $"pong-{pair}");
            for (var i = 0; i < InFlight; i++) pong.Tell(Ball.Instance, ping);
        }
        var rate = await MeasureAsync(counters, window);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=akka-actor-pingpong pairs={Pairs} inflight={InFlight} msgs_per_s={rate:0}"));
        await system.Terminate();
    }

    private static async Task RunFanOutAsync(MeasureWindow window)
    {
        using var system = ActorSystem.Create("bench-fanout", Quiet);
        var counters = Counters(FanOut);
        var consumers = counters.Select((counter, i) => system.ActorOf(Props.Create(() => new Consumer(counter)), $"consumer-{i}")).ToArray();
        var producer = system.ActorOf(Props.Create(() => new Producer(consumers)), "producer");
        producer.Tell(Start.Instance, ActorRefs.NoSender);
        var rate = await MeasureAsync(counters, window);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=akka-actor-fanout fanout={FanOut} inflight={InFlight} msgs_per_s={rate:0}"));
        await system.Terminate();
    }

    private static Counter[] Counters(int count) => [.. Enumerable.Range(0, count).Select(_ => new Counter())];

    /// <summary>Messages per second received by the counted actors during the window; stops them afterwards.</summary>
    private static async Task<double> MeasureAsync(Counter[] counters, MeasureWindow window)
    {
        var (received, elapsed) = await window.RunAsync(
            () => Task.FromResult(Sum(counters)),
            before => Task.FromResult(Sum(counters) - before));
        foreach (var counter in counters) counter.Stopped = true;
        return received / elapsed;
    }

    private static long Sum(Counter[] counters) => counters.Sum(counter => Volatile.Read(ref counter.Received));

    /// <summary>Messages received by one actor; written only by that actor, read by the benchmark thread.</summary>
    private sealed class Counter
    {
        public long Received;
        public volatile bool Stopped;
    }

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed class Start
    {
        public static readonly Start Instance = new();
    }

    private sealed class Credit
    {
        public static readonly Credit Instance = new();
    }

    /// <summary>Answers every ball to its sender until the benchmark stops.</summary>
    private sealed class Bouncer : ReceiveActor
    {
        public Bouncer(Counter counter) => Receive<Ball>(ball =>
        {
            counter.Received++;
            if (!counter.Stopped) Sender.Tell(ball, Self);
        });
    }

    /// <summary>Counts balls and grants the producer more credit every <see cref="CreditBatch"/> of them.</summary>
    private sealed class Consumer : ReceiveActor
    {
        public Consumer(Counter counter) => Receive<Ball>(_ =>
        {
            if (++counter.Received % CreditBatch == 0 && !counter.Stopped) Sender.Tell(Credit.Instance, Self);
        });
    }

    /// <summary>Fills every consumer's window on Start, then refills a batch for each credit.</summary>
    private sealed class Producer : ReceiveActor
    {
        public Producer(IActorRef[] consumers)
        {
            Receive<Start>(_ =>
            {
                foreach (var consumer in consumers) Send(consumer, InFlight);
            });
            Receive<Credit>(_ => Send(Sender, CreditBatch));
        }

        private void Send(IActorRef consumer, int count)
        {
            for (var i = 0; i < count; i++) consumer.Tell(Ball.Instance, Self);
        }
    }
}
