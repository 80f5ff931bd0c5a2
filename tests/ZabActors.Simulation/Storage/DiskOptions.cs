namespace ZabActors.Simulation.Storage;

/// <summary>The simulated disks' latencies and fault rates for one run, derived from the seed.</summary>
public sealed record DiskOptions
{
    /// <summary>Most time one operation takes to complete (fsync included); each draws 0..this.</summary>
    public int LatencyMaxMs { get; init; } = 2;

    /// <summary>Chance that completing one operation is a crash point (half before the fsync, half after).</summary>
    public double CrashAtWriteProbability { get; init; }

    /// <summary>Of the crashes that find an append not yet fsynced, the chance that part of it reached the disk, its last record torn.</summary>
    public double TornWriteProbability { get; init; } = 0.5;

    /// <summary>Chance that one disk read (a restart's recovery or a <c>LoadDisk</c>) fails its checksum (a transient read fault).</summary>
    public double ReadFaultProbability { get; init; }

    /// <summary>
    /// A broken disk for the harness's own tests: an append is confirmed without being fsynced, so a crash
    /// loses acknowledged transactions. The checkers must catch what follows. Never derived from a seed.
    /// </summary>
    public bool LyingFsync { get; init; }

    public DiskOptions Validate()
    {
        if (CrashAtWriteProbability is < 0 or > 1 || TornWriteProbability is < 0 or > 1 || ReadFaultProbability is < 0 or > 1 || LatencyMaxMs < 0)
        {
            throw new ArgumentException("invalid disk options: probabilities must lie in [0, 1], latency at least 0");
        }
        return this;
    }
}
