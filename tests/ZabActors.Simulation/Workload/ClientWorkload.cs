using System.Text;
using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Runtime;
using ZabActors.Zab;

namespace ZabActors.Simulation.Workload;

/// <summary>
/// The simulated clients: logical writes, each retried as new attempts (with a fresh request id and
/// a unique payload) until one is acknowledged. A failed or timed-out attempt may still commit later
/// (as after ZooKeeper's connection loss), so payloads are unique per attempt and every
/// acknowledgement, late ones included, goes to the checkers.
/// </summary>
public sealed class ClientWorkload
{
    private readonly VirtualScheduler scheduler;
    private readonly SimulationRandom random;
    private readonly IHistorySink history;
    private readonly WorkloadOptions options;
    private readonly SortedDictionary<long, Operation> pending = new();
    private readonly Dictionary<long, Attempt> attempts = new();
    private long nextOperation;
    private long nextRequest;

    public ClientWorkload(VirtualScheduler scheduler, SimulationRandom random, IHistorySink history, WorkloadOptions options)
    {
        this.scheduler = scheduler;
        this.random = random;
        this.history = history;
        this.options = options;
    }

    /// <summary>Picks the peer an attempt goes to; null when none is up.</summary>
    public Func<SimulationRandom, SimulatedPeer?> PickPeer { get; set; } = _ => null;

    /// <summary>How an attempt reaches its peer (the cluster steps a <c>PeerWrite</c> into it).</summary>
    public Action<SimulatedPeer, long, Bytes> Submit { get; set; } = (_, _, _) => { };

    public int PendingCount => pending.Count;

    public long Started => nextOperation;

    public long Completed { get; private set; }

    public long AttemptsSent => nextRequest;

    public long AttemptsFailed { get; private set; }

    /// <summary>One simulator tick: maybe start a write, then retry what is due.</summary>
    public void Tick(bool newWrites)
    {
        if (newWrites && pending.Count < options.MaxInFlight && random.Chance(options.WriteProbability))
        {
            StartWrite();
        }
        var now = scheduler.Elapsed;
        foreach (var operation in pending.Values.ToList())
        {
            if (operation.Current is { } current && now - current.SentAt >= TimeSpan.FromMilliseconds(options.AttemptTimeoutMs))
            {
                Fail(current, "no answer (timeout)");
            }
            if (operation.Current is null && operation.RetryAt <= now)
            {
                Send(operation);
            }
        }
    }

    /// <summary>Starts one logical write now (its first attempt goes to a random live peer).</summary>
    public void StartWrite()
    {
        var operation = new Operation(++nextOperation);
        pending[operation.Id] = operation;
        Send(operation);
    }

    /// <summary>The server of these attempts crashed: their clients see the connection drop.</summary>
    public void OnPeerCrashed(SimulatedPeer incarnation)
    {
        foreach (var attempt in attempts.Values.Where(a => a.Outcome is null && a.Peer == incarnation).OrderBy(a => a.RequestId).ToList())
        {
            Fail(attempt, "connection loss (server crashed)");
        }
    }

    internal void OnCommitted(long sid, long requestId, Zxid zxid)
    {
        history.Record(new ClientWriteCommitted(requestId, sid, zxid));
        if (!attempts.TryGetValue(requestId, out var attempt)) return;
        attempt.Outcome ??= $"committed {zxid}";
        if (pending.Remove(attempt.Operation.Id))
        {
            Completed++;
        }
        if (attempt.Operation.Current == attempt) attempt.Operation.Current = null;
    }

    internal void OnFailed(long sid, long requestId, string reason)
    {
        history.Record(new ClientWriteFailed(requestId, sid, reason));
        if (attempts.TryGetValue(requestId, out var attempt) && attempt.Outcome is null)
        {
            Fail(attempt, reason);
        }
    }

    /// <summary>Why writes are still outstanding, one line each (for a liveness failure report).</summary>
    public IEnumerable<string> Pending()
    {
        foreach (var operation in pending.Values)
        {
            var current = operation.Current;
            var last = operation.Attempts.Count > 0 ? operation.Attempts[^1] : null;
            yield return current is not null
                ? $"write w{operation.Id}: attempt r{current.RequestId} to {current.Peer} unanswered since {current.SentAt.TotalMilliseconds:0}ms ({operation.Attempts.Count} attempts)"
                : $"write w{operation.Id}: waiting to retry at {operation.RetryAt.TotalMilliseconds:0}ms after {operation.Attempts.Count} attempts (last: {last?.Outcome ?? "none"})";
        }
    }

    private void Send(Operation operation)
    {
        var peer = PickPeer(random);
        if (peer is null)
        {
            operation.RetryAt = scheduler.Elapsed + RetryDelay();
            return;
        }
        var requestId = ++nextRequest;
        var payload = Encoding.UTF8.GetBytes($"w{operation.Id}.{operation.Attempts.Count + 1}");
        var attempt = new Attempt(requestId, operation, peer, scheduler.Elapsed);
        operation.Attempts.Add(attempt);
        operation.Current = attempt;
        attempts[requestId] = attempt;
        history.Record(new ClientWriteSubmitted(requestId, peer.Sid, Bytes.CopyFrom(payload)));
        Submit(peer, requestId, Bytes.CopyFrom(payload));
    }

    private void Fail(Attempt attempt, string reason)
    {
        attempt.Outcome = $"failed: {reason}";
        AttemptsFailed++;
        var operation = attempt.Operation;
        if (operation.Current != attempt) return;
        operation.Current = null;
        operation.RetryAt = scheduler.Elapsed + RetryDelay();
    }

    private TimeSpan RetryDelay() => TimeSpan.FromMilliseconds(random.Next(options.RetryDelayMinMs, options.RetryDelayMaxMs + 1));

    /// <summary>One logical client write and its attempts.</summary>
    private sealed class Operation(long id)
    {
        public long Id { get; } = id;

        public List<Attempt> Attempts { get; } = [];

        public Attempt? Current { get; set; }

        public TimeSpan RetryAt { get; set; }
    }

    /// <summary>One request sent for a write: where, when, and how it ended.</summary>
    private sealed class Attempt(long requestId, Operation operation, SimulatedPeer peer, TimeSpan sentAt)
    {
        public long RequestId { get; } = requestId;

        public Operation Operation { get; } = operation;

        public SimulatedPeer Peer { get; } = peer;

        public TimeSpan SentAt { get; } = sentAt;

        public string? Outcome { get; set; }
    }
}
