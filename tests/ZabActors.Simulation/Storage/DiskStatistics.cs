namespace ZabActors.Simulation.Storage;

/// <summary>Counts of what one simulated disk did, for the run summary.</summary>
public sealed class DiskStatistics
{
    public long Flushes { get; set; }

    public long Truncations { get; set; }

    public long EpochSaves { get; set; }

    public long SnapshotSaves { get; set; }

    public long CrashPoints { get; set; }

    public long TornWrites { get; set; }

    public long ReadFaults { get; set; }

    public long Rots { get; set; }

    /// <summary>Reads that found a record whose checksum does not match (bit rot caught).</summary>
    public long CorruptionsDetected { get; set; }
}
