extern alias legacy;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ZabActors.Actors;
using legacy::ZabActors.Quorum;
using ZabActors.Zab;
using ClientWrite = legacy::ZabActors.Quorum.ClientWrite;

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
    private static readonly TimeSpan FollowersTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var window = new MeasureWindow(Warmup: TimeSpan.FromSeconds(2), Measure: TimeSpan.FromSeconds(5));
        var payload = 128;
        for (var i = 0; i < args.Length; i++)
        {
            if (MeasureWindow.TryRead(args, ref i, ref window))
                continue;
            if (args[i] == "--payload" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p) && p >= 0)
            {
                payload = p;
                i++;
                continue;
            }
            return MeasureWindow.Usage("broadcast", args[i], " [--payload BYTES]");
        }
        foreach (var outstanding in new[] { 1, 1000 })
        {
            var code = await RunEnsembleAsync(outstanding, payload, window);
            if (code != 0)
            {
                return code;
            }
        }
        return 0;
    }

    private static async Task<int> RunEnsembleAsync(int outstanding, int payload, MeasureWindow window)
    {
        using var system = ActorSystem.Create($"bench-broadcast-{outstanding}");
        // Listen before the peers start, so no phase change is missed.
        var ready = new EnsembleReady(Peers);
        var listener = system.ActorOf(Props.Create(() => new PeerListener(ready)), "peer-listener");
        system.EventStream.Subscribe(listener, typeof(LeaderEstablishedEvent));
        system.EventStream.Subscribe(listener, typeof(PeerStateChanged));
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
        var leader = await AwaitLeaderAsync(ready, TimeSpan.FromSeconds(30));
        system.Stop(listener);
        if (leader is null)
        {
            Console.Error.WriteLine("broadcast: no leader was established within 30 s");
            return 1;
        }
        var stats = new ClientStats(outstanding);
        var data = new byte[payload];
        system.ActorOf(Props.Create(() => new Client(peers[leader.Value], outstanding, data, stats)), "client");
        var (samples, elapsed) = await window.RunAsync(
            () => Task.FromResult(stats.Open()),
            open => Task.FromResult(stats.Close(open)));
        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT bench=broadcast peers={Peers} outstanding={outstanding} ops_per_s={samples.Length / elapsed:0} p50_us={Percentile(samples, 0.50):0} p99_us={Percentile(samples, 0.99):0} failed={stats.Failed}"));
        return 0;
    }

    /// <summary>Waits until a leader reports broadcast, then until every peer is in broadcast (or a short while has passed).</summary>
    private static async Task<long?> AwaitLeaderAsync(EnsembleReady ready, TimeSpan timeout)
    {
        var winner = await Task.WhenAny(ready.Leader.Task, Task.Delay(timeout));
        if (winner != ready.Leader.Task)
            return null;
        // Followers reach UPTODATE right after the leader; measure only once they have.
        await Poll.UntilAsync(ready.AllInBroadcast, FollowersTimeout);
        return ready.Leader.Task.Result;
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

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

    /// <summary>The leader once established and the latest phase of every peer, as the event stream reports them.</summary>
    private sealed class EnsembleReady(int peers)
    {
        private readonly ConcurrentDictionary<long, ZabState> phases = new();

        public TaskCompletionSource<long> Leader { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Record(PeerStateChanged changed) => phases[changed.Sid] = changed.Phase;

        public bool AllInBroadcast() => phases.Count == peers && phases.Values.All(phase => phase == ZabState.Broadcast);
    }

    private sealed class PeerListener : ReceiveActor
    {
        public PeerListener(EnsembleReady ready)
        {
            Receive<LeaderEstablishedEvent>(e => ready.Leader.TrySetResult(e.Sid));
            Receive<PeerStateChanged>(ready.Record);
        }
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
