using ZabActors.Quorum;
using ZabActors.Simulation.Checkers;

namespace ZabActors.Simulation.Storage;

/// <summary>
/// One server's durable storage as the cluster sees it: it outlives the server's process
/// incarnations, fires seeded crash points from inside a write, reports what became durable to the
/// durability checker, and hands each new incarnation the <see cref="IPeerStorage"/> it runs on.
/// </summary>
public interface ISimulatedStorage
{
    long Sid { get; }

    /// <summary>Fault rates; the simulator turns crash points off in liveness mode.</summary>
    DiskOptions Options { get; set; }

    /// <summary>Called (inside the writing actor's step) when a crash point fires; the cluster crashes the server at once.</summary>
    Action<long, string>? CrashPointReached { get; set; }

    /// <summary>Where the storage reports what became durable and what a truncation removed, for the durability checker.</summary>
    IHistorySink? History { get; set; }

    /// <summary>True from a crash until the next incarnation opens the storage: writes are ignored.</summary>
    bool IsFenced { get; }

    DiskStatistics Statistics { get; }

    /// <summary>The process died: whatever was not durable is lost and writes are ignored until <see cref="Open"/>.</summary>
    void Crash();

    /// <summary>A new incarnation starts on this storage; returns what its peer reads and writes.</summary>
    IPeerStorage Open();
}
