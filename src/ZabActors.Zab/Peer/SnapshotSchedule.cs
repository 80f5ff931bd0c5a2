namespace ZabActors.Zab;

/// <summary>
/// Owns when the peer's next snapshot is due: after more than snapCount/2 and at most snapCount applied
/// transactions, drawn anew after every snapshot, as ZooKeeper's SyncRequestProcessor rolls
/// <c>snapCount / 2 + random(snapCount / 2)</c> so that the peers of an ensemble do not all snapshot at
/// once. The draw is a SplitMix64 sequence from the seed given at construction, never a clock or a
/// shared generator, so the same seed replays the same snapshot points.
/// </summary>
internal sealed class SnapshotSchedule
{
    private readonly int snapCount;
    private ulong state;
    private int untilSnapshot;

    public SnapshotSchedule(int snapCount, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapCount, 1);
        this.snapCount = snapCount;
        state = seed;
        untilSnapshot = Draw();
    }

    /// <summary>Counts one applied transaction; true when a snapshot is due now (and the next interval is drawn).</summary>
    public bool CountApplied()
    {
        if (--untilSnapshot > 0)
        {
            return false;
        }
        untilSnapshot = Draw();
        return true;
    }

    /// <summary>The state machine was replaced by a snapshot: the count starts over.</summary>
    public void Restart() => untilSnapshot = Draw();

    private int Draw()
    {
        var half = snapCount / 2;
        var span = (ulong)(snapCount - half);
        return half + 1 + (int)(Next() % span);
    }

    private ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
