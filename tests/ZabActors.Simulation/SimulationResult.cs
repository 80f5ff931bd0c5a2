namespace ZabActors.Simulation;

/// <summary>How a run ended; the value is the process exit code for a run of that kind.</summary>
public enum Outcome
{
    Passed = 0,

    /// <summary>An exception escaped the simulator or a peer's step: a crash of the code under test or of the harness.</summary>
    Crash = 1,

    /// <summary>A safety property (a checker) was violated.</summary>
    Correctness = 2,

    /// <summary>After healing everything the ensemble did not converge within the liveness bound.</summary>
    Liveness = 3,
}

/// <summary>The result of one seed: outcome, the property broken (if any) with its detail, and what the run did.</summary>
public sealed record SimulationResult(
    SimulationOptions Options,
    Outcome Outcome,
    string? Property,
    string? Detail,
    IReadOnlyList<string> Pending,
    ulong TraceHash,
    long Steps,
    TimeSpan VirtualTime,
    string Summary)
{
    public bool Passed => Outcome == Outcome.Passed;
}
