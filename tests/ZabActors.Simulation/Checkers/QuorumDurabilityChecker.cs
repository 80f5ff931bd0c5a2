using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Durability before acknowledgement, checked on the disks rather than through a crash: once a write
/// is acknowledged, its transaction is durable (in the log, or under a durable snapshot) on a quorum
/// of voters, and stays so. A follower that acks before its fsync, or a leader that commits without a
/// quorum of durable acks, breaks this at the acknowledgement even if no crash ever exploits it.
/// </summary>
public sealed class QuorumDurabilityChecker(IReadOnlySet<long> voters, int quorumSize) : InvariantChecker
{
    private readonly Dictionary<long, SortedSet<Zxid>> durableLogs = new();
    private readonly Dictionary<long, Zxid> snapshots = new();
    private readonly Dictionary<Zxid, long> acked = new();

    public override string Property => "QuorumDurability";

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case LogFlushed flushed:
                foreach (var zxid in flushed.Zxids) LogOf(flushed.Sid).Add(zxid);
                break;
            case SnapshotSaved saved:
                snapshots[saved.Sid] = saved.Zxid;
                break;
            case SnapshotsDeleted deleted:
                DeleteSnapshots(deleted.Sid, deleted.NewestKept);
                break;
            case LogTruncated truncated:
                Truncate(truncated.Sid, truncated.After);
                break;
            case ClientWriteCommitted committed:
                acked[committed.Zxid] = committed.RequestId;
                Require(committed.Zxid, $"acknowledged to r{committed.RequestId} by {committed.Sid}");
                break;
        }
    }

    private void Truncate(long sid, Zxid after)
    {
        var log = LogOf(sid);
        var removed = log.GetViewBetween(new Zxid(after.Value + 1), new Zxid(long.MaxValue)).ToList();
        foreach (var zxid in removed) log.Remove(zxid);
        foreach (var zxid in removed.Where(acked.ContainsKey))
        {
            Require(zxid, $"after server {sid} truncated its log after {after}");
        }
    }

    /// <summary>A rewind deleted the newer snapshots: what only they covered must still be durable on a quorum.</summary>
    private void DeleteSnapshots(long sid, Zxid newestKept)
    {
        if (!snapshots.TryGetValue(sid, out var before) || before <= newestKept)
        {
            return;
        }
        snapshots[sid] = newestKept;
        foreach (var zxid in acked.Keys.Where(zxid => zxid > newestKept && zxid <= before).Order().ToList())
        {
            Require(zxid, $"after server {sid} deleted its snapshots after {newestKept}");
        }
    }

    private void Require(Zxid zxid, string when)
    {
        var holders = voters.Where(sid => Holds(sid, zxid)).Order().ToList();
        if (holders.Count < quorumSize)
        {
            Violated($"{zxid} (r{acked[zxid]}) is durable on {holders.Count} voters [{string.Join(",", holders)}], fewer than a quorum of {quorumSize}, {when}");
        }
    }

    private bool Holds(long sid, Zxid zxid) =>
        (durableLogs.TryGetValue(sid, out var log) && log.Contains(zxid)) || (snapshots.TryGetValue(sid, out var snapshot) && snapshot >= zxid);

    private SortedSet<Zxid> LogOf(long sid)
    {
        if (!durableLogs.TryGetValue(sid, out var log))
        {
            log = durableLogs[sid] = [];
        }
        return log;
    }
}
