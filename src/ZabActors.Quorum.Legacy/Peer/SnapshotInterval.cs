using ZabActors.Actors;

namespace ZabActors.Quorum;

/// <summary>
/// Owns when the peer's next snapshot is due: after more than snap-count/2 and at most snap-count
/// applied transactions, the exact number drawn anew after every snapshot, as ZooKeeper's
/// SyncRequestProcessor rolls <c>snapCount / 2 + random(snapCount / 2)</c> so that the peers of an
/// ensemble do not all snapshot at the same moment. The generator is seeded with the peer's sid, so
/// a run replays exactly under the deterministic runtime and restarts draw the same sequence.
/// </summary>
internal sealed class SnapshotInterval
{
    private readonly int snapCount;
    private readonly SimulationRandom random;

    public SnapshotInterval(int snapCount, long sid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapCount, 1);
        this.snapCount = snapCount;
        random = new SimulationRandom(unchecked((ulong)sid));
    }

    /// <summary>Transactions to apply before the next snapshot, in (snap-count/2, snap-count].</summary>
    public int Next()
    {
        var half = snapCount / 2;
        return half + 1 + random.Next(snapCount - half);
    }
}
