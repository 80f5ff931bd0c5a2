using System.Diagnostics;
using Akka.Actor;
using ZabActors.Quorum;
using ZabActors.Zab;
using ClientWrite = ZabActors.Quorum.ClientWrite;

namespace ZabActors.Benchmarks;

/// <summary>
/// Keeps a fixed number of writes outstanding at one server's admin endpoint (it forwards them to its
/// peer, which answers this actor directly) and records every answer in a <see cref="WriteLoadStats"/>.
/// Each answer starts the next write; a refused write is retried after a short pause so a server
/// without a leader is not flooded. <see cref="Retarget"/> moves the load to another server.
/// Every payload is distinct (a counter in its first bytes), so acknowledged writes can be found in a history.
/// </summary>
internal sealed class WriteLoadActor : ReceiveActor, IWithTimers
{
    private readonly WriteLoadStats stats;
    private readonly int payloadBytes;
    private readonly Dictionary<long, (long StartedAt, byte[] Data)> pending = [];
    private ICanTell target;
    private IActorRef? drainedReplyTo;
    private long nextRequest;
    private bool stopped;

    public WriteLoadActor(ICanTell target, int outstanding, int payloadBytes, WriteLoadStats stats)
    {
        this.target = target;
        this.payloadBytes = payloadBytes;
        this.stats = stats;
        Receive<WriteCommitted>(committed => Completed(committed.RequestId, committed.Zxid));
        Receive<WriteFailed>(failed => Completed(failed.RequestId, null));
        Receive<Retarget>(retarget => target = retarget.Target);
        Receive<Resubmit>(_ => Submit());
        Receive<StopLoad>(_ =>
        {
            stopped = true;
            drainedReplyTo = Sender;
            ReplyIfDrained();
        });
        Receive<Expire>(_ => ExpireLost());
        for (var i = 0; i < outstanding; i++)
            Submit();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ICanTell target, int outstanding, int payloadBytes, WriteLoadStats stats) =>
        Akka.Actor.Props.Create(() => new WriteLoadActor(target, outstanding, payloadBytes, stats));

    protected override void PreStart() => Timers.StartPeriodicTimer("expire", Expire.Instance, TimeSpan.FromSeconds(1));

    private void Completed(long requestId, Zxid? zxid)
    {
        if (!pending.Remove(requestId, out var write))
            return;
        if (zxid is { } committed)
        {
            stats.Committed(Stopwatch.GetElapsedTime(write.StartedAt).TotalMicroseconds, write.Data, committed);
            Submit();
        }
        else
        {
            stats.Failed();
            Timers.StartSingleTimer($"retry-{requestId}", Resubmit.Instance, TimeSpan.FromMilliseconds(10));
        }
        ReplyIfDrained();
    }

    private void ReplyIfDrained()
    {
        if (stopped && pending.Count == 0 && drainedReplyTo is { } replyTo)
        {
            replyTo.Tell(StopLoad.Instance, Self);
            drainedReplyTo = null;
        }
    }

    private void Submit()
    {
        if (stopped)
            return;
        var id = ++nextRequest;
        var data = new byte[payloadBytes];
        BitConverter.TryWriteBytes(data, id);
        pending[id] = (Stopwatch.GetTimestamp(), data);
        target.Tell(new ClientWrite(id, data), Self);
    }

    /// <summary>A write whose answer was lost with its server (killed) would hold its slot forever: count it failed and reuse the slot.</summary>
    private void ExpireLost()
    {
        foreach (var (id, write) in pending.Where(p => Stopwatch.GetElapsedTime(p.Value.StartedAt) > TimeSpan.FromSeconds(15)).ToList())
        {
            pending.Remove(id);
            stats.Failed();
            Submit();
        }
        ReplyIfDrained();
    }

    /// <summary>Send the following writes to <see cref="Target"/>.</summary>
    public sealed record Retarget(ICanTell Target);

    /// <summary>Stop submitting; the actor answers with the same message once every outstanding write is answered.</summary>
    public sealed record StopLoad
    {
        public static readonly StopLoad Instance = new();
    }

    private sealed record Resubmit
    {
        public static readonly Resubmit Instance = new();
    }

    private sealed record Expire
    {
        public static readonly Expire Instance = new();
    }
}

/// <summary>What a <see cref="WriteLoadActor"/> observed: latencies in the open window, and every acknowledged write with its zxid.</summary>
internal sealed class WriteLoadStats
{
    private readonly object gate = new();
    private readonly List<(byte[] Data, Zxid Zxid)> acked = [];
    private readonly List<(Func<Zxid, bool> Match, TaskCompletionSource<Zxid> Found)> watchers = [];
    private List<double>? window;
    private long failed;

    public long FailedCount => Interlocked.Read(ref failed);

    public int AckedCount
    {
        get
        {
            lock (gate)
                return acked.Count;
        }
    }

    public IReadOnlyList<(byte[] Data, Zxid Zxid)> Acked()
    {
        lock (gate)
            return [.. acked];
    }

    public void OpenWindow()
    {
        lock (gate)
            window = new List<double>(1 << 20);
    }

    /// <summary>Closes the window and returns its latencies (µs), sorted.</summary>
    public double[] CloseWindow()
    {
        lock (gate)
        {
            var samples = window?.ToArray() ?? [];
            window = null;
            Array.Sort(samples);
            return samples;
        }
    }

    /// <summary>Completes with the first acknowledged zxid that satisfies <paramref name="match"/> from now on.</summary>
    public Task<Zxid> FirstAck(Func<Zxid, bool> match)
    {
        var found = new TaskCompletionSource<Zxid>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
            watchers.Add((match, found));
        return found.Task;
    }

    public void Committed(double micros, byte[] data, Zxid zxid)
    {
        lock (gate)
        {
            window?.Add(micros);
            acked.Add((data, zxid));
            watchers.RemoveAll(w => w.Match(zxid) && w.Found.TrySetResult(zxid));
        }
    }

    public void Failed() => Interlocked.Increment(ref failed);

    public static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}
