using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>How a learner is brought in line with the leader's history.</summary>
public enum SyncKind
{
    /// <summary>DIFF, possibly empty, then the proposal/commit pairs the learner misses.</summary>
    Diff,

    /// <summary>TRUNC to the last common zxid, then the pairs that follow it.</summary>
    Trunc,

    /// <summary>A snapshot of the leader's state; the packets are chosen once the snapshot exists.</summary>
    Snap,
}

/// <summary>
/// The packets that synchronize one learner, and <see cref="CurrentZxid"/>, the last zxid they cover:
/// forwarding of newer proposals starts after it (ZooKeeper's startForwarding argument).
/// </summary>
public sealed record SyncPlan(SyncKind Kind, ImmutableArray<QuorumPacket> Packets, Zxid CurrentZxid);

/// <summary>
/// The sync decision of ZooKeeper's <c>LearnerHandler.syncFollower</c> and <c>queueCommittedProposals</c>,
/// as a pure function of the learner's last zxid and the leader's committed log. We serve DIFFs from
/// the in-memory committed log only; a learner older than it gets a snapshot. Unlike ZooKeeper, a
/// learner whose last zxid is the one the log starts after also gets a DIFF: it misses only the log.
/// </summary>
public static class SyncPlanner
{
    /// <param name="committedLogStartsAfter">
    /// every transaction of the leader's history above this zxid is in <paramref name="committedLog"/>
    /// (<see cref="LearnerHistory.CommittedLogStartsAfter"/>); null when unknown, as in ZooKeeper.
    /// </param>
    public static SyncPlan Plan(
        Zxid peerLastZxid, IReadOnlyList<Txn> committedLog, Zxid lastProcessedZxid, Zxid? committedLogStartsAfter = null)
    {
        // A learner that took a DIFF or SNAP right after an election reports (epoch, 0), which is in no log.
        var isPeerNewEpochZxid = peerLastZxid.IsEpochStart;
        var minCommittedLog = committedLog.Count == 0 ? lastProcessedZxid : committedLog[0].Zxid;
        var maxCommittedLog = committedLog.Count == 0 ? lastProcessedZxid : committedLog[^1].Zxid;
        var startsAfter = committedLogStartsAfter ?? minCommittedLog;
        if (committedLog.Count > 0 && startsAfter > minCommittedLog)
        {
            throw new ArgumentException($"the committed log starts at {minCommittedLog}, not after {startsAfter}", nameof(committedLogStartsAfter));
        }

        if (lastProcessedZxid == peerLastZxid)
        {
            return new SyncPlan(SyncKind.Diff, [new Diff(peerLastZxid)], peerLastZxid);
        }
        if (peerLastZxid > maxCommittedLog && !isPeerNewEpochZxid)
        {
            // The learner has transactions we never committed (an old leader's tail): cut them off.
            return new SyncPlan(SyncKind.Trunc, [new Trunc(maxCommittedLog)], maxCommittedLog);
        }
        if (maxCommittedLog >= peerLastZxid && (minCommittedLog <= peerLastZxid || peerLastZxid == startsAfter))
        {
            var queued = new CommittedLogQueue(peerLastZxid, maxCommittedLog, startsAfter).Run(committedLog);
            if (queued is not null)
            {
                return queued;
            }
        }
        return new SyncPlan(SyncKind.Snap, [], lastProcessedZxid);
    }

    /// <summary>Walks the committed log once, choosing DIFF or TRUNC on the first relevant entry (queueCommittedProposals).</summary>
    private sealed class CommittedLogQueue(Zxid peerLastZxid, Zxid lastCommittedZxid, Zxid startsAfter)
    {
        private readonly ImmutableArray<QuorumPacket>.Builder packets = ImmutableArray.CreateBuilder<QuorumPacket>();
        private SyncKind kind = SyncKind.Diff;
        private bool needOpPacket = true;

        public SyncPlan? Run(IReadOnlyList<Txn> committedLog)
        {
            var isPeerNewEpochZxid = peerLastZxid.IsEpochStart;
            var queuedZxid = peerLastZxid;
            var previousZxid = startsAfter;
            foreach (var txn in committedLog)
            {
                if (txn.Zxid < peerLastZxid)
                {
                    previousZxid = txn.Zxid;
                    continue;
                }
                if (needOpPacket && !ChooseOpPacket(txn.Zxid, previousZxid, isPeerNewEpochZxid))
                {
                    return null;
                }
                if (txn.Zxid <= queuedZxid)
                {
                    continue;
                }
                packets.Add(new Proposal(txn));
                packets.Add(new Commit(txn.Zxid));
                queuedZxid = txn.Zxid;
            }
            if (needOpPacket && (isPeerNewEpochZxid || peerLastZxid == startsAfter))
            {
                // Our history is older than the learner's new-epoch zxid and nothing followed, or the
                // learner has every committed transaction and the log is empty: empty DIFF.
                OpPacket(new Diff(lastCommittedZxid), SyncKind.Diff);
            }
            return needOpPacket ? null : new SyncPlan(kind, packets.ToImmutable(), queuedZxid);
        }

        /// <returns>false when the learner cannot be truncated (its zxid is of another epoch): send a snapshot.</returns>
        private bool ChooseOpPacket(Zxid zxid, Zxid previousZxid, bool isPeerNewEpochZxid)
        {
            if (zxid == peerLastZxid || previousZxid == peerLastZxid || isPeerNewEpochZxid)
            {
                // The learner has this entry, or ends right before it (the zxid the log starts after).
                OpPacket(new Diff(lastCommittedZxid), SyncKind.Diff);
                return true;
            }
            if (zxid.Epoch != peerLastZxid.Epoch)
            {
                // A TRUNC across an epoch boundary would crash the learner; ZooKeeper sends a snapshot.
                return false;
            }
            // The learner's last zxid is not in our log: cut it back to the entry before, then DIFF.
            OpPacket(new Trunc(previousZxid), SyncKind.Trunc);
            return true;
        }

        private void OpPacket(QuorumPacket packet, SyncKind chosen)
        {
            packets.Insert(0, packet);
            kind = chosen;
            needOpPacket = false;
        }
    }
}
