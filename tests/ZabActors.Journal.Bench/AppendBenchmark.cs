using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using ZabActors.Zab;

namespace ZabActors.Journal.Bench;

/// <summary>
/// Durable append throughput of the <see cref="TxnLogActor"/>: one request at a time (each waits for its
/// <see cref="LogDurable"/>), at batch sizes 1, 8 and 64, then single-txn appends with 64 in flight. Prints one
/// line per run; not a timed assertion.
/// </summary>
public static class AppendBenchmark
{
    private static readonly int[] BatchSizes = [1, 8, 64];

    public static async Task<int> Run(BenchArgs args)
    {
        using var system = ActorSystem.Create("journal-bench", args.StoreConfig());
        var settings = TxnLogSettings.Create(system.Settings.Config) with
        {
            PersistenceIdPrefix = $"bench-{Environment.ProcessId}-{Environment.TickCount64}",
        };
        var epoch = 0L;
        foreach (var batchSize in BatchSizes)
        {
            epoch++;
            var log = system.ActorOf(TxnLogActor.Props(epoch, settings));
            await Append(log, epoch, 1, Math.Min(64, args.Txns)); // warm-up: connections, tables, JIT
            var batches = Math.Max(1, args.Txns / batchSize);
            var clock = Stopwatch.StartNew();
            var counter = 64L;
            for (var i = 0; i < batches; i++)
            {
                await Append(log, epoch, counter + 1, batchSize);
                counter += batchSize;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"journal-append store={args.StoreName} batch={batchSize} txns={batches * batchSize} seconds={seconds:F2} txns_per_s={batches * batchSize / seconds:F0} writes_per_s={batches / seconds:F0}"));
        }
        await Pipelined(system, settings, epoch + 1, args);
        await system.Terminate();
        return 0;
    }

    /// <summary>Single-txn appends with <see cref="InFlight"/> outstanding: the actor's group commit across requests.</summary>
    private static async Task Pipelined(ActorSystem system, TxnLogSettings settings, long epoch, BenchArgs args)
    {
        var log = system.ActorOf(TxnLogActor.Props(epoch, settings));
        await Append(log, epoch, 1, 1);
        var window = new Queue<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < args.Txns; i++)
        {
            if (window.Count == InFlight)
            {
                await window.Dequeue();
            }
            window.Enqueue(Append(log, epoch, i + 2, 1));
        }
        await Task.WhenAll(window);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"journal-append store={args.StoreName} batch=1 in_flight={InFlight} txns={args.Txns} seconds={seconds:F2} txns_per_s={args.Txns / seconds:F0}"));
    }

    private const int InFlight = 64;

    private static async Task Append(IActorRef log, long epoch, long firstCounter, int count)
    {
        var txns = Enumerable.Range(0, count)
            .Select(i => new Txn(Zxid.Make(epoch, firstCounter + i), Bytes.Wrap(new byte[128])))
            .ToImmutableArray();
        var reply = await log.Ask<object>(new AppendTxns(txns), TimeSpan.FromSeconds(30));
        if (reply is not LogDurable)
        {
            throw new InvalidOperationException($"append failed: {reply}");
        }
    }
}
