namespace ZabActors.Simulation;

/// <summary>
/// The safety phase's fault schedule for one run, derived from the seed: a probability per simulator
/// tick for each fault, and minimum "stability" times so that a fault and its repair do not flap.
/// </summary>
public sealed record FaultOptions
{
    public double PartitionProbability { get; init; }

    public double HealProbability { get; init; }

    /// <summary>Least ticks a partition lasts, and least ticks between a heal and the next partition.</summary>
    public int PartitionStabilityTicks { get; init; } = 100;

    public double CrashProbability { get; init; }

    public double RestartProbability { get; init; }

    /// <summary>Least ticks a peer runs before it may crash again.</summary>
    public int MinUpTicks { get; init; } = 100;

    /// <summary>Least ticks a crashed peer stays down.</summary>
    public int MinDownTicks { get; init; } = 50;

    /// <summary>Most peers down at once.</summary>
    public int MaxCrashed { get; init; } = 1;

    public double ConnectionDropProbability { get; init; }

    public double ClogProbability { get; init; }

    public int ClogMaxMs { get; init; } = 2000;

    public double SlowDiskProbability { get; init; }

    public int SlowDiskMaxMs { get; init; } = 200;

    public int SlowDiskMaxDurationMs { get; init; } = 5000;

    /// <summary>Chance per tick that one of <see cref="RottingPeers"/> gets a bit flipped in a durable record its recovery reads.</summary>
    public double RotProbability { get; init; }

    /// <summary>The servers whose disks may rot: never more than a minority of the voters.</summary>
    public IReadOnlyList<long> RottingPeers { get; init; } = [];

    /// <summary>Chance per tick that one live server pauses (receives no input) for 1..<see cref="PauseMaxMs"/>.</summary>
    public double PauseProbability { get; init; }

    public int PauseMaxMs { get; init; } = 1000;
}
