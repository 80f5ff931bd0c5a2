using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Our client-visible guarantee: a write reported committed is never lost. When a peer acknowledges
/// write r as zxid z, that peer must have delivered z with r's payload; from then on every peer that
/// delivers anything past z must have delivered z first.
/// </summary>
public sealed class AckedWritesChecker : InvariantChecker
{
    private readonly PeerSequences sequences = new();
    private readonly Dictionary<long, Bytes> payloadOfRequest = new();
    private readonly Dictionary<Zxid, long> acked = new();
    private readonly SortedSet<Zxid> ackedZxids = [];

    public override string Property => "AckedWritesNeverLost";

    public override void Observe(HistoryEvent evt)
    {
        switch (evt)
        {
            case ClientWriteSubmitted submit:
                payloadOfRequest[submit.RequestId] = submit.Data;
                break;
            case ClientWriteCommitted commit:
                Acknowledge(commit);
                break;
            case TxnApplied applied:
                CheckPassing(applied.Sid, sequences.Of(applied.Sid), applied.Txn.Zxid);
                break;
            case StateRestored restored:
                CheckRestored(restored.Sid, restored);
                break;
        }
        sequences.Track(evt);
    }

    private void Acknowledge(ClientWriteCommitted commit)
    {
        if (!payloadOfRequest.TryGetValue(commit.RequestId, out var payload))
        {
            Violated($"peer {commit.Sid} acknowledged request r{commit.RequestId} that was never sent");
        }
        var acking = sequences.Of(commit.Sid);
        var found = FindDelivered(acking, commit.Zxid);
        if (found is null || IntegrityChecker.ClientPayload(found) != payload)
        {
            Violated($"peer {commit.Sid} acknowledged r{commit.RequestId} ({HistoryEvent.Payload(payload)}) as {commit.Zxid} but delivered {(found is null ? "nothing" : HistoryEvent.Show(found))} there");
        }
        if (acked.TryGetValue(commit.Zxid, out var other) && other != commit.RequestId)
        {
            Violated($"{commit.Zxid} acknowledged for both r{other} and r{commit.RequestId}");
        }
        acked[commit.Zxid] = commit.RequestId;
        ackedZxids.Add(commit.Zxid);
        foreach (var (sid, sequence) in sequences.All)
        {
            if (sequence.Last is { } last && last.Zxid > commit.Zxid && !sequence.Contains(commit.Zxid))
            {
                Violated($"peer {sid} delivered past acknowledged {commit.Zxid} (r{commit.RequestId}) without it");
            }
        }
    }

    /// <summary>A peer whose sequence so far is <paramref name="before"/> now delivers <paramref name="reaching"/>.</summary>
    private void CheckPassing(long sid, PeerSequences.Sequence before, Zxid reaching)
    {
        // Acknowledged zxids below the peer's previous delivery were checked when it passed them.
        var from = before.Last is { } last ? new Zxid(last.Zxid.Value + 1) : Zxid.Zero;
        if (from >= reaching) return;
        foreach (var zxid in ackedZxids.GetViewBetween(from, new Zxid(reaching.Value - 1)))
        {
            if (!before.Contains(zxid))
            {
                Violated($"peer {sid} reached {reaching} without acknowledged {zxid} (r{acked[zxid]})");
            }
        }
    }

    private void CheckRestored(long sid, StateRestored restored)
    {
        var state = new PeerSequences.Sequence();
        foreach (var txn in restored.Txns) state.Add(txn);
        var reaching = restored.Txns.Length > 0 ? Zxid.Max(restored.Zxid, restored.Txns[^1].Zxid) : restored.Zxid;
        foreach (var zxid in ackedZxids)
        {
            if (zxid > reaching) break;
            if (!state.Contains(zxid))
            {
                Violated($"peer {sid} restored a snapshot at {restored.Zxid} without acknowledged {zxid} (r{acked[zxid]})");
            }
        }
    }

    private static Txn? FindDelivered(PeerSequences.Sequence sequence, Zxid zxid)
    {
        for (var i = sequence.Count - 1; i >= 0; i--)
        {
            if (sequence[i].Zxid == zxid) return sequence[i];
            if (sequence[i].Zxid < zxid) break;
        }
        return null;
    }
}
