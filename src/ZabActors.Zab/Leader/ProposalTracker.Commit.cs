namespace ZabActors.Zab;

// Proposing, counting acks and committing in order.
public sealed partial class ProposalTracker
{
    private readonly Queue<PendingProposal> outstanding = new();
    private readonly Dictionary<Zxid, PendingProposal> outstandingByZxid = [];

    private void ProposeData(Bytes data)
    {
        var refusal = !IsActive ? "not leading: the epoch is not established"
            : reElectionRequired ? "re-election pending"
            : outstanding.Count >= timing.MaxOutstandingProposals ? "too many outstanding proposals"
            : null;
        if (refusal is not null)
        {
            outbox.Emit(new ProposalRejected(data, refusal));
            return;
        }
        var counter = LastProposedZxid.Counter + 1;
        if (counter >= Zxid.CounterMax)
        {
            // ZOOKEEPER-1277: a zxid with all low bits set is never used; a new epoch is needed.
            reElectionRequired = true;
            outbox.Emit(new ReElectionRequired("zxid lower 32 bits have rolled over, forcing re-election, and therefore new epoch start"));
            outbox.Emit(new ProposalRejected(data, "zxid counter exhausted"));
            return;
        }
        var txn = new Txn(Zxid.Make(Epoch, counter), data);
        var pending = new PendingProposal(txn);
        outstanding.Enqueue(pending);
        outstandingByZxid[txn.Zxid] = pending;
        LastProposedZxid = txn.Zxid;
        outbox.Append(txn);
        outbox.Emit(new Proposed(txn));
    }

    /// <summary>
    /// Test hook, like ZooKeeper's <c>zookeeper.testingonly.initialZxid</c>: continue the counter from
    /// <paramref name="counter"/> so the rollover can be reached without billions of proposals.
    /// </summary>
    internal void SkipCounterTo(long counter)
    {
        if (!IsActive || outstanding.Count > 0 || counter <= LastProposedZxid.Counter || counter >= Zxid.CounterMax)
        {
            throw new InvalidOperationException($"cannot skip the counter to {counter}");
        }
        LastProposedZxid = LastCommittedZxid = LastProcessedZxid = Zxid.Make(Epoch, counter);
    }

    private void OnAck(long sid, Zxid zxid)
    {
        // Acks of NEWLEADER and UPTODATE, of committed proposals, or before we lead are not counted.
        if (!IsActive || zxid.IsEpochStart || outstanding.Count == 0 || zxid <= LastCommittedZxid)
        {
            return;
        }
        if (!outstandingByZxid.TryGetValue(zxid, out var pending))
        {
            outbox.Violation(sid, $"ack of unknown proposal {zxid}");
            return;
        }
        pending.Acks.Add(sid);
        CommitInOrder();
    }

    /// <summary>
    /// The learner's session ended: its acks of outstanding proposals no longer count. Its next session
    /// may TRUNC it below them (a learner ahead of the committed log is truncated to it, and the outstanding
    /// proposals are sent again), so an old ack could commit a transaction only this leader still holds.
    /// The learner acks the proposals again once its new session has logged them.
    /// </summary>
    private void ForgetAcks(long sid)
    {
        if (sid == myId)
        {
            return;
        }
        foreach (var pending in outstanding)
        {
            pending.Acks.Remove(sid);
        }
    }

    private void OnSelfDurable(Zxid upTo)
    {
        if (upTo <= selfDurable)
        {
            return;
        }
        selfDurable = upTo;
        foreach (var pending in outstanding.TakeWhile(pending => pending.Txn.Zxid <= upTo))
        {
            pending.Acks.Add(myId);
        }
        CommitInOrder();
    }

    /// <summary>Commits from the oldest outstanding proposal on; a later proposal with a quorum waits for earlier ones.</summary>
    private void CommitInOrder()
    {
        while (outstanding.Count > 0 && verifier.ContainsQuorum(outstanding.Peek().Acks))
        {
            var txn = outstanding.Dequeue().Txn;
            outstandingByZxid.Remove(txn.Zxid);
            RememberCommitted(txn);
            LastCommittedZxid = LastProcessedZxid = LastCommittedTxnZxid = txn.Zxid;
            committedNotApplied.Enqueue(txn);
            outbox.Emit(new Committed(txn));
        }
        while (committedNotApplied.Count > 0 && committedNotApplied.Peek().Zxid <= selfDurable)
        {
            outbox.Apply(committedNotApplied.Dequeue());
        }
    }

    /// <summary>Called before <see cref="LastCommittedTxnZxid"/> moves to <paramref name="txn"/>.</summary>
    private void RememberCommitted(Txn txn)
    {
        if (timing.CommittedLogSize > 0)
        {
            if (committedLog.Count == 0)
            {
                logStartsAfter = LastCommittedTxnZxid;
            }
            committedLog.Enqueue(txn);
        }
        // The log may have started longer, holding the whole unapplied tail of the leader's history.
        while (committedLog.Count > timing.CommittedLogSize)
        {
            logStartsAfter = committedLog.Dequeue().Zxid;
        }
    }

    private sealed class PendingProposal(Txn txn)
    {
        public Txn Txn { get; } = txn;

        public HashSet<long> Acks { get; } = [];
    }
}
