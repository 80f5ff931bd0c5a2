namespace ZabActors.Zab;

// Client writes submitted to this peer: admission, handing them to the role (the leader proposes,
// a learner forwards them as REQUEST), the answer once applied here, and expiry by time.
public sealed partial class QuorumPeer
{
    /// <summary>Writes waiting for their answer, by this peer's sequence number (submission order).</summary>
    private readonly SortedDictionary<long, PendingClientWrite> pendingWrites = [];
    private long nextWriteSeq;

    /// <summary>A client's write waiting for its answer: the client's request id and when it came.</summary>
    private sealed record PendingClientWrite(long RequestId, TimeSpan SubmittedAt);

    /// <summary>Writes this peer accepted and has not answered yet.</summary>
    public int PendingWriteCount => pendingWrites.Count;

    private void OnWrite(PeerWrite write)
    {
        var refusal = phase != Phase.InRole ? $"no leader: server {MyId} is LOOKING"
            : pendingWrites.Count >= config.Timing.MaxOutstandingProposals ? "too many outstanding writes"
            : null;
        if (refusal is not null)
        {
            Emit(new PeerWriteFailed(write.RequestId, refusal));
            return;
        }
        var seq = ++nextWriteSeq;
        pendingWrites[seq] = new PendingClientWrite(write.RequestId, now);
        var data = TxnOrigin.Encode(MyId, seq, write.Payload.Span);
        if (leader is { } role)
        {
            StepTracker(role, new Propose(data));
        }
        else if (learner is { } session)
        {
            StepSession(session, new ClientWrite(data));
        }
    }

    private void AnswerOwnWrite(Txn txn)
    {
        if (TxnOrigin.TryDecode(txn.Data, out var origin, out var seq) && origin == MyId && pendingWrites.Remove(seq, out var write))
        {
            Emit(new PeerWriteCommitted(write.RequestId, txn.Zxid));
        }
    }

    private void FailOwnWrite(Bytes data, string reason)
    {
        if (TxnOrigin.TryDecode(data, out var origin, out var seq) && origin == MyId && pendingWrites.Remove(seq, out var write))
        {
            Emit(new PeerWriteFailed(write.RequestId, reason));
        }
    }

    private void ExpireWrites()
    {
        while (pendingWrites.Count > 0)
        {
            var (seq, write) = pendingWrites.First();
            if (now - write.SubmittedAt < options.WriteTimeout)
            {
                return;
            }
            pendingWrites.Remove(seq);
            Emit(new PeerWriteFailed(write.RequestId, "timed out waiting for the commit"));
        }
    }

    private TimeSpan? WriteExpiryDeadline() =>
        pendingWrites.Count == 0 ? null : pendingWrites.First().Value.SubmittedAt + options.WriteTimeout;

    private void FailAllPending(string reason)
    {
        foreach (var write in pendingWrites.Values)
        {
            Emit(new PeerWriteFailed(write.RequestId, reason));
        }
        pendingWrites.Clear();
    }
}
