namespace ZabActors.Simulation.Storage;

/// <summary>The simulated disks' fault rates for one run, derived from the seed.</summary>
public sealed record DiskOptions
{
    /// <summary>Chance that one durable write (log flush, truncate, epoch or snapshot save) is a crash point.</summary>
    public double CrashAtWriteProbability { get; init; }

    /// <summary>Of the log flushes that crash before completing, the chance that a prefix of the buffered tail was written anyway (a torn write).</summary>
    public double TornWriteProbability { get; init; } = 0.5;

    /// <summary>
    /// A broken disk for the harness's own tests: a flush returns without making anything durable, so
    /// a crash loses acknowledged transactions. The checkers must catch what follows. Never derived from a seed.
    /// </summary>
    public bool LyingFsync { get; init; }

    public DiskOptions Validate()
    {
        if (CrashAtWriteProbability is < 0 or > 1 || TornWriteProbability is < 0 or > 1)
        {
            throw new ArgumentException("invalid disk options: probabilities must lie in [0, 1]");
        }
        return this;
    }
}
