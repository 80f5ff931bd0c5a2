using System.Globalization;
using ZabActors.Actors;

namespace ZabActors.Benchmarks;

/// <summary>
/// In-process message throughput of the actor runtime on the default thread-pool dispatcher:
/// ping-pong (2 pairs, 1000 messages in flight per pair, each received message is answered) and a
/// 1 -> 8 fan-out (one producer keeps up to 1000 messages in flight per consumer, consumers grant
/// credit every 100 messages). Counts are read from per-actor counters before and after a timed window
/// that follows a warm-up.
/// </summary>
/// <remarks>Usage: <c>actors [--seconds N] [--warmup N]</c>.</remarks>
public static class ActorBenchmarks
{
    private const int Pairs = 2;
    private const int InFlight = 1000;
    private const int FanOut = 8;
    private const int CreditBatch = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        var window = new MeasureWindow(Warmup: TimeSpan.FromSeconds(2), Measure: TimeSpan.FromSeconds(5));
        for (var i = 0; i < args.Length; i++)
        {
            if (!MeasureWindow.TryRead(args, ref i, ref window))
                return MeasureWindow.Usage("actors", args[i]);
        }
        await RunPingPongAsync(window);
        await RunFanOutAsync(window);
        return 0;
    }

    private static async Task RunPingPongAsync(MeasureWindow window)
    {
        using var system = ActorSystem.Create("bench-pingpong");
        var counters = new Counter[Pairs * 2];
        for (int i = 0; i < counters.Length; i++) counters[i] = new Counter();
        for (int pair = 0; pair < Pairs; pair++)
        {
            var ping = system.ActorOf(Props.Create(() => new Bouncer(counters[pair * 2])), $"ping-{pair}");
            var pong = system.ActorOf(Props.Create(() => new Bouncer(counters[pair * 2 + 1])), $"pong-{pair}");
            for (int i = 0; i < InFlight; i++) pong.Tell(Ball.Instance, ping);
        }
        double rate = await MeasureAsync(counters, window);
        foreach (var counter in counters) counter.Stopped = true;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=actor-pingpong pairs={Pairs} inflight={InFlight} msgs_per_s={rate:0}"));
    }

    private static async Task RunFanOutAsync(MeasureWindow window)
    {
        using var system = ActorSystem.Create("bench-fanout");
        var counters = new Counter[FanOut];
        var consumers = new IActorRef[FanOut];
        for (int i = 0; i < FanOut; i++)
        {
            var counter = counters[i] = new Counter();
            consumers[i] = system.ActorOf(Props.Create(() => new Consumer(counter)), $"consumer-{i}");
        }
        var producer = system.ActorOf(Props.Create(() => new Producer(consumers)), "producer");
        producer.Tell(Start.Instance, ActorRefs.NoSender);
        double rate = await MeasureAsync(counters, window);
        foreach (var counter in counters) counter.Stopped = true;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=actor-fanout fanout={FanOut} inflight={InFlight} msgs_per_s={rate:0}"));
    }

    /// <summary>Messages per second received by the counted actors during the measured window.</summary>
    private static async Task<double> MeasureAsync(Counter[] counters, MeasureWindow window)
    {
        var (received, elapsed) = await window.RunAsync(
            () => Task.FromResult(Sum(counters)),
            before => Task.FromResult(Sum(counters) - before));
        return received / elapsed;
    }

    private static long Sum(Counter[] counters)
    {
        long sum = 0;
        foreach (var counter in counters) sum += Volatile.Read(ref counter.Received);
        return sum;
    }

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
        public Bouncer(Counter counter)
        {
            Receive<Ball>(ball =>
            {
                counter.Received++;
                if (!counter.Stopped) Sender.Tell(ball, Self);
            });
        }
    }

    /// <summary>Counts balls and grants the producer more credit every <see cref="CreditBatch"/> of them.</summary>
    private sealed class Consumer : ReceiveActor
    {
        public Consumer(Counter counter)
        {
            Receive<Ball>(_ =>
            {
                if (++counter.Received % CreditBatch == 0 && !counter.Stopped) Sender.Tell(Credit.Instance, Self);
            });
        }
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
            for (int i = 0; i < count; i++) consumer.Tell(Ball.Instance, Self);
        }
    }
}
