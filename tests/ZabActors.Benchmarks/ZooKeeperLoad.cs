using System.Diagnostics;
using System.Globalization;
using ZabActors.Client;
using ZabActors.ZooKeeper.Data;

namespace ZabActors.Benchmarks;

/// <summary>
/// A load generator that speaks ZooKeeper's client protocol (through ZabActors.Client), so the same
/// command measures a ZabActors ensemble and an Apache ZooKeeper ensemble: N sessions, each with M
/// requests outstanding, doing create (sequential), setData, getData, or a mix with a read ratio, on
/// values of a given size. Latencies of the measured window only; prints ops/s and p50/p99/p99.9.
/// </summary>
/// <remarks>
/// Usage: <c>zk-load --connect HOSTS [--sessions 8] [--outstanding 32] [--op set|create|get|mixed]
/// [--read-ratio 0.9] [--size 100] [--seconds 5] [--warmup 2] [--label NAME]</c>.
/// </remarks>
public static class ZooKeeperLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: zk-load --connect HOSTS [--sessions N] [--outstanding M] [--op set|create|get|mixed] [--read-ratio R] [--size BYTES] [--seconds S] [--warmup S] [--label NAME]");
            return 2;
        }
        var root = $"/zk-load-{Guid.NewGuid():N}";
        var clients = new List<ZooKeeperClient>();
        for (var i = 0; i < options.Sessions; i++)
        {
            clients.Add(await ZooKeeperClient.ConnectAsync(options.Connect, new ZooKeeperClientOptions { SessionTimeout = TimeSpan.FromSeconds(30) }));
        }
        try
        {
            await Prepare(clients[0], root, options);
            var result = await Measure(clients, root, options);
            Print(options, result);
            return result.Errors > 0 && result.Ops == 0 ? 1 : 0;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.CloseAsync();
            }
        }
    }

    private static async Task Prepare(ZooKeeperClient client, string root, LoadOptions options)
    {
        await client.CreateAsync(root, []);
        var value = new byte[options.Size];
        for (var i = 0; i < options.Sessions * options.Outstanding; i++)
        {
            await client.CreateAsync($"{root}/k{i}", value);
        }
    }

    private static async Task<LoadResult> Measure(List<ZooKeeperClient> clients, string root, LoadOptions options)
    {
        var recording = 0;
        var stop = new CancellationTokenSource();
        var latencies = new List<long>[options.Sessions * options.Outstanding];
        var errors = 0L;
        var loops = Enumerable.Range(0, latencies.Length).Select(slot => Task.Run(async () =>
        {
            var client = clients[slot % clients.Count];
            var mine = latencies[slot] = [];
            var random = new Random(slot);
            var value = new byte[options.Size];
            var key = $"{root}/k{slot}";
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await Issue(client, options, random, root, key, value);
                }
                catch (KeeperException)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }
                if (Volatile.Read(ref recording) == 1)
                {
                    mine.Add(Stopwatch.GetTimestamp() - started);
                }
            }
        })).ToList();
        await Task.Delay(options.Warmup);
        Volatile.Write(ref recording, 1);
        var clock = Stopwatch.StartNew();
        await Task.Delay(options.Duration);
        Volatile.Write(ref recording, 0);
        var elapsed = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, elapsed, all, Interlocked.Read(ref errors));
    }

    private static Task Issue(ZooKeeperClient client, LoadOptions options, Random random, string root, string key, byte[] value)
    {
        var op = options.Op == "mixed" ? (random.NextDouble() < options.ReadRatio ? "get" : "set") : options.Op;
        return op switch
        {
            "set" => client.SetDataAsync(key, value),
            "get" => client.GetDataAsync(key),
            "create" => client.CreateAsync($"{root}/c-", value, CreateMode.PersistentSequential),
            _ => throw new InvalidOperationException($"unknown op {op}"),
        };
    }

    private static void Print(LoadOptions options, LoadResult result)
    {
        double Us(double q) => result.Latencies.Length == 0 ? 0 : result.Latencies[Math.Min(result.Latencies.Length - 1, (int)(q * result.Latencies.Length))] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=zk-load target={options.Label} op={options.Op} sessions={options.Sessions} outstanding={options.Outstanding} size={options.Size} " +
            $"ops_per_s={result.Ops / result.ElapsedSeconds:0} p50_us={Us(0.50):0} p99_us={Us(0.99):0} p999_us={Us(0.999):0} errors={result.Errors}"));
    }

    private sealed record LoadResult(long Ops, double ElapsedSeconds, long[] Latencies, long Errors);

    private sealed record LoadOptions(string Connect, int Sessions, int Outstanding, string Op, double ReadRatio, int Size, TimeSpan Duration, TimeSpan Warmup, string Label)
    {
        public static LoadOptions? Parse(string[] args)
        {
            var o = new LoadOptions("", 8, 32, "set", 0.9, 100, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), "zk");
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                var v = args[i + 1];
                o = args[i] switch
                {
                    "--connect" => o with { Connect = v },
                    "--sessions" => o with { Sessions = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--outstanding" => o with { Outstanding = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--op" => o with { Op = v },
                    "--read-ratio" => o with { ReadRatio = double.Parse(v, CultureInfo.InvariantCulture) },
                    "--size" => o with { Size = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--seconds" => o with { Duration = TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) },
                    "--warmup" => o with { Warmup = TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) },
                    "--label" => o with { Label = v },
                    _ => null!,
                };
                if (o is null)
                {
                    return null;
                }
            }
            var valid = args.Length % 2 == 0 && o.Connect.Length > 0 && o.Sessions > 0 && o.Outstanding > 0 && o.Size >= 0
                && o.Op is "set" or "create" or "get" or "mixed";
            return valid ? o : null;
        }
    }
}
