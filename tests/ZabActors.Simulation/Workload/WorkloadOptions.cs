namespace ZabActors.Simulation.Workload;

/// <summary>How hard the simulated clients write, for one run; derived from the seed.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Chance per simulator tick that a client starts a new write.</summary>
    public double WriteProbability { get; init; } = 0.05;

    /// <summary>Most writes outstanding at once; a new write waits while this many are pending.</summary>
    public int MaxInFlight { get; init; } = 16;

    public int RetryDelayMinMs { get; init; } = 100;

    public int RetryDelayMaxMs { get; init; } = 1000;

    /// <summary>An attempt with no answer after this long is treated as failed (ambiguous) and retried.</summary>
    public int AttemptTimeoutMs { get; init; } = 30_000;
}
