using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>
/// A peer's durable state read back when it (re)enters a role: epochs, the last logged and last
/// applied zxids, and the recent log (every unapplied transaction plus up to CommittedLogSize more).
/// Drivers build it from their storage and hand the right view to each state machine.
/// </summary>
public sealed record PeerDisk(
    long AcceptedEpoch, long CurrentEpoch, Zxid LastLoggedZxid, Zxid LastAppliedZxid, ImmutableArray<Txn> RecentTxns)
{
    /// <param name="snapshotZxid">the zxid of the latest durable snapshot (Zero if none); older log entries are ignored.</param>
    /// <param name="lastAppliedZxid">how far the state machine got after restoring that snapshot.</param>
    public static PeerDisk Read(ITxnLog log, IEpochStore epochs, Zxid snapshotZxid, Zxid lastAppliedZxid, int committedLogSize)
    {
        if (lastAppliedZxid < snapshotZxid)
        {
            throw new ArgumentException("the state machine is behind its own snapshot", nameof(lastAppliedZxid));
        }
        var txns = log.ReadAfter(snapshotZxid).ToList();
        var lastLogged = txns.Count > 0 ? txns[^1].Zxid : snapshotZxid;
        if (lastAppliedZxid > lastLogged)
        {
            throw new ArgumentException("the state machine applied transactions the log does not hold", nameof(lastAppliedZxid));
        }
        var firstUnapplied = txns.FindIndex(txn => txn.Zxid > lastAppliedZxid);
        var keepFrom = Math.Max(0, txns.Count - committedLogSize);
        if (firstUnapplied >= 0)
        {
            keepFrom = Math.Min(keepFrom, firstUnapplied);
        }
        return new PeerDisk(epochs.AcceptedEpoch, epochs.CurrentEpoch, lastLogged, lastAppliedZxid, [.. txns.Skip(keepFrom)]);
    }

    public StartElection ToStartElection() => new(LastLoggedZxid, CurrentEpoch);

    public LeaderStart ToLeaderStart() => new(AcceptedEpoch, CurrentEpoch, LastLoggedZxid);

    public LeaderHistory ToLeaderHistory() => new(LastLoggedZxid, LastAppliedZxid, RecentTxns);

    public LearnerStart ToLearnerStart() =>
        new(AcceptedEpoch, CurrentEpoch, LastLoggedZxid, LastAppliedZxid, [.. RecentTxns.Where(txn => txn.Zxid > LastAppliedZxid)]);
}
