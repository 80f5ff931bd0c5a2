using ZabActors.Simulation.Runtime;
using ZabActors.Simulation.Checkers;

namespace ZabActors.Simulation;

/// <summary>
/// The run's history: components record events as they happen (inside a peer's step), and after every
/// simulation step the simulator drains them, in order, into the checkers, the trace hash and the
/// verbose trace.
/// </summary>
public sealed class History(VirtualScheduler scheduler, CheckerSuite checkers, RunLog log) : IHistorySink
{
    private readonly Queue<HistoryEvent> queue = new();

    /// <summary>A hash of every event and the virtual time it was checked at; equal for equal runs.</summary>
    public ulong TraceHash { get; private set; } = ChainHash.Empty;

    public long Events { get; private set; }

    public void Record(HistoryEvent evt) => queue.Enqueue(evt);

    /// <summary>Checks everything recorded since the last call; throws <see cref="InvariantViolation"/> on the first broken property.</summary>
    public void Drain()
    {
        while (queue.TryDequeue(out var evt))
        {
            Events++;
            TraceHash = ChainHash.Extend(ChainHash.Extend(TraceHash, scheduler.Elapsed.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)), evt.Describe());
            log.Trace(evt);
            checkers.Observe(evt);
        }
    }
}
