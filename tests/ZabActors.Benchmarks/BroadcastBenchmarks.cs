using System.Diagnostics;
using System.Globalization;
using ZabActors.Actors;
using ZabActors.Quorum;
using ZabActors.Zab;
using ClientWrite = ZabActors.Quorum.ClientWrite;

namespace ZabActors.Benchmarks;

/// <summary>
/// Zab broadcast throughput and commit latency of a 3-peer ensemble in one process: whole peers
/// (QuorumPeerActor trees) on the default thread-pool runtime, an InProcessQuorumNetwork and
/// in-memory storage (flushes are group-committed but free). One client keeps 1, then 1000, writes
/// outstanding at the leader; each reply (committed on a quorum and applied by the leader) starts the
/// next write. Latency is measured from submission to reply, over the timed window after a warm-up.
/// </summary>
/// <remarks>Usage: <c>broadcast [--seconds N] [--warmup N] [--payload BYTES]</c>.</remarks>
public static class BroadcastBenchmarks
{
    private const int Peers = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 5.0;
        var warmup = 2.0;
        var payload = 128;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length && TryParsePositive(args[i + 1], out var s):
                    seconds = s;
                    i++;
                    break;
                case "--warmup" when i + 1 < args.Length && TryParsePositive(args[i + 1], out var w):
                    warmup = w;
                    i++;
                    break;
                case "--payload" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p) && p >= 0:
                    payload = p;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"broadcast: unknown or incomplete option '{args[i]}'");
                    Console.Error.WriteLine("usage: broadcast [--seconds N] [--warmup N] [--payload BYTES]");
                    return 2;
            }
        }
        foreach (var outstanding in new[] { 1, 1000 })
        {
            var code = await RunEnsembleAsync(outstanding, payload, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
            if (code != 0)
            {
                return code;
            }
        }
        return 0;
    }

    private static async Task<int> RunEnsembleAsync(int outstanding, int payload, TimeSpan warmup, TimeSpan measure)
    {
        using var system = ActorSystem.Create($"bench-broadcast-{outstanding}");
        var network = new InProcessQuorumNetwork();
        var servers = Enumerable.Range(1, Peers)
            .Select(id => new QuorumServer(id, "127.0.0.1", 2880 + id, LearnerType.Participant))
            .ToList();
        var timing = ZabTiming.Default with { MaxOutstandingProposals = Math.Max(outstanding, ZabTiming.Default.MaxOutstandingProposals) };
        var peers = servers.ToDictionary(
            server => server.Id,
            server => system.ActorOf(QuorumPeerActor.Props(
                new QuorumPeerSettings(server.Id, servers, timing), new InMemoryPeerStorage(), network, () => new CountingStateMachine()),
                $"peer{server.Id}"));
        var leader = await AwaitLeaderAsync(system, TimeSpan.FromSeconds(30));
        if (leader is null)
        {
            Console.Error.WriteLine("broadcast: no leader was established within 30 s");
            return 1;
        }
        var stats = new ClientStats(outstanding);
        var data = new byte[payload];
        system.ActorOf(Props.Create(() => new Client(peers[leader.Value], outstanding, data, stats)), "client");
        await Task.Delay(warmup);
        var window = stats.Open();
        var clock = Stopwatch.StartNew();
        await Task.Delay(measure);
        var samples = stats.Close(window);
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=broadcast peers={Peers} outstanding={outstanding} ops_per_s={samples.Length / elapsed:0} p50_us={Percentile(samples, 0.50):0} p99_us={Percentile(samples, 0.99):0} failed={stats.Failed}"));
        return 0;
    }

    /// <summary>Waits until a leader reports broadcast, listening on the event stream.</summary>
    private static async Task<long?> AwaitLeaderAsync(ActorSystem system, TimeSpan timeout)
    {
        var established = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = system.ActorOf(Props.Create(() => new LeaderListener(established)), "leader-listener");
        system.EventStream.Subscribe(listener, typeof(LeaderEstablishedEvent));
        var winner = await Task.WhenAny(established.Task, Task.Delay(timeout));
        system.Stop(listener);
        // Followers reach UPTODATE right after the leader; give them a moment before measuring.
        await Task.Delay(200);
        return winner == established.Task ? established.Task.Result : null;
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static bool TryParsePositive(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0;

    /// <summary>Latencies of the replies that arrived while a window was open; written by the client actor only.</summary>
    private sealed class ClientStats(int outstanding)
    {
        private readonly object gate = new();
        private List<double>? window;

        public long Failed;

        public int Outstanding { get; } = outstanding;

        public List<double> Open()
        {
            var open = new List<double>(1 << 20);
            lock (gate)
            {
                window = open;
            }
            return open;
        }

        public double[] Close(List<double> open)
        {
            lock (gate)
            {
                window = null;
                return [.. open];
            }
        }

        public void Record(double micros)
        {
            lock (gate)
            {
                window?.Add(micros);
            }
        }
    }

    /// <summary>Keeps a fixed number of writes outstanding at the leader and times each one.</summary>
    private sealed class Client : ReceiveActor
    {
        private readonly IActorRef leader;
        private readonly byte[] data;
        private readonly ClientStats stats;
        private readonly Dictionary<long, long> sentAt = [];
        private long nextRequest;

        public Client(IActorRef leader, int outstanding, byte[] data, ClientStats stats)
        {
            this.leader = leader;
            this.data = data;
            this.stats = stats;
            Receive<WriteCommitted>(committed => Completed(committed.RequestId, ok: true));
            Receive<WriteFailed>(failed => Completed(failed.RequestId, ok: false));
            for (var i = 0; i < outstanding; i++)
            {
                Submit();
            }
        }

        private void Completed(long requestId, bool ok)
        {
            if (sentAt.Remove(requestId, out var started))
            {
                if (ok)
                {
                    stats.Record(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                }
                else
                {
                    Interlocked.Increment(ref stats.Failed);
                }
            }
            Submit();
        }

        private void Submit()
        {
            var id = ++nextRequest;
            sentAt[id] = Stopwatch.GetTimestamp();
            leader.Tell(new ClientWrite(id, data), Self);
        }
    }

    private sealed class LeaderListener : ReceiveActor
    {
        public LeaderListener(TaskCompletionSource<long> established) =>
            Receive<LeaderEstablishedEvent>(e => established.TrySetResult(e.Sid));
    }

    /// <summary>A state machine that only counts: the benchmark measures replication, not the application.</summary>
    private sealed class CountingStateMachine : IStateMachine
    {
        private long count;

        public Zxid LastApplied { get; private set; }

        public void Apply(Txn txn)
        {
            count++;
            LastApplied = txn.Zxid;
        }

        public Snapshot TakeSnapshot() => new(LastApplied, Bytes.Wrap(BitConverter.GetBytes(count)));

        public void Restore(Snapshot snapshot)
        {
            count = BitConverter.ToInt64(snapshot.Data.Span);
            LastApplied = snapshot.Zxid;
        }
    }
}
