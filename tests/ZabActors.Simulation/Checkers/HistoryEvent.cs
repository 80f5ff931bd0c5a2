using System.Collections.Immutable;

using ZabActors.Zab;

namespace ZabActors.Simulation.Checkers;

/// <summary>
/// One observation of the simulated ensemble that the invariant checkers judge: what leaders
/// established and broadcast, what each peer's state machine delivered, and what clients were told.
/// The same records make hand-written histories for the checkers' own tests.
/// </summary>
public abstract record HistoryEvent
{
    /// <summary>A short, stable, complete line: it feeds the trace hash, so it must show payloads.</summary>
    public abstract string Describe();

    internal static string Show(Txn txn) =>
        TxnOrigin.TryDecode(txn.Data, out var origin, out var seq)
            ? $"{txn.Zxid}:{Payload(Bytes.CopyFrom(TxnOrigin.Payload(txn).Span))}@{origin}.{seq}"
            : $"{txn.Zxid}:{Payload(txn.Data)}";

    internal static string Payload(Bytes data) => data.Length <= 32 && IsPrintable(data) ? data.ToUtf8() : Convert.ToHexString(data.Span);

    private static bool IsPrintable(Bytes data)
    {
        foreach (var b in data.Span)
        {
            if (b < 0x20 || b > 0x7e) return false;
        }
        return true;
    }
}

/// <summary>
/// Peer <see cref="Sid"/> created a new, empty state machine (at least once per incarnation); from now
/// on its delivered sequence is what this machine restores and applies.
/// </summary>
public sealed record StateMachineCreated(long Sid, int Incarnation) : HistoryEvent
{
    public override string Describe() => $"new machine {Sid}#{Incarnation}";
}

/// <summary>Incarnation <see cref="Incarnation"/> of peer <see cref="Sid"/> started.</summary>
public sealed record PeerStarted(long Sid, int Incarnation) : HistoryEvent
{
    public override string Describe() => $"start {Sid}#{Incarnation}";
}

/// <summary>Peer <see cref="Sid"/> crashed: it delivers nothing more until it starts again.</summary>
public sealed record PeerCrashed(long Sid, int Incarnation) : HistoryEvent
{
    public override string Describe() => $"crash {Sid}#{Incarnation}";
}

/// <summary>Peer <see cref="Sid"/> announced that it established leadership of <see cref="Epoch"/>.</summary>
public sealed record LeaderEstablishedObserved(long Sid, long Epoch) : HistoryEvent
{
    public override string Describe() => $"established {Sid} epoch {Epoch}";
}

/// <summary>Leader <see cref="Sid"/> broadcast (proposed) <see cref="Txn"/>.</summary>
public sealed record TxnBroadcast(long Sid, Txn Txn) : HistoryEvent
{
    public override string Describe() => $"broadcast {Sid} {Show(Txn)}";
}

/// <summary>The state machine of peer <see cref="Sid"/> applied <see cref="Txn"/> (Zab's "deliver").</summary>
public sealed record TxnApplied(long Sid, int Incarnation, Txn Txn) : HistoryEvent
{
    public override string Describe() => $"deliver {Sid}#{Incarnation} {Show(Txn)}";
}

/// <summary>
/// The state machine of peer <see cref="Sid"/> was replaced by a snapshot at <see cref="Zxid"/> whose
/// content is the delivered sequence <see cref="Txns"/> (our state machine keeps its whole history).
/// </summary>
public sealed record StateRestored(long Sid, int Incarnation, Zxid Zxid, ImmutableArray<Txn> Txns) : HistoryEvent
{
    public override string Describe()
    {
        var hash = ChainHash.Empty;
        foreach (var txn in Txns) hash = ChainHash.Extend(hash, txn);
        var last = Txns.IsEmpty ? "none" : Show(Txns[^1]);
        return $"restore {Sid}#{Incarnation} {Zxid}: {Txns.Length} txns, last {last}, hash {hash:x16}";
    }
}

/// <summary>A client sent write <see cref="RequestId"/> carrying <see cref="Data"/> to peer <see cref="Sid"/>.</summary>
public sealed record ClientWriteSubmitted(long RequestId, long Sid, Bytes Data) : HistoryEvent
{
    public override string Describe() => $"submit r{RequestId} to {Sid} {Payload(Data)}";
}

/// <summary>Peer <see cref="Sid"/> told the client that write <see cref="RequestId"/> committed as <see cref="Zxid"/>.</summary>
public sealed record ClientWriteCommitted(long RequestId, long Sid, Zxid Zxid) : HistoryEvent
{
    public override string Describe() => $"committed r{RequestId} by {Sid} {Zxid}";
}

/// <summary>Peer <see cref="Sid"/> told the client that write <see cref="RequestId"/> failed.</summary>
public sealed record ClientWriteFailed(long RequestId, long Sid, string Reason) : HistoryEvent
{
    public override string Describe() => $"failed r{RequestId} by {Sid}: {Reason}";
}

/// <summary>Something the simulator did to the ensemble (fault, heal, phase change); recorded for the trace only.</summary>
public sealed record SimulatorAction(string What) : HistoryEvent
{
    public override string Describe() => What;
}

/// <summary>Transactions became durable in the log of server <see cref="Sid"/> (a flush, or what a torn flush kept).</summary>
public sealed record LogFlushed(long Sid, ImmutableArray<Zxid> Zxids) : HistoryEvent
{
    public override string Describe() =>
        Zxids.IsEmpty ? $"flushed {Sid} nothing" : $"flushed {Sid} {Zxids[0]}..{Zxids[^1]} ({Zxids.Length})";
}

/// <summary>The durable log of server <see cref="Sid"/> lost every transaction above <see cref="After"/>.</summary>
public sealed record LogTruncated(long Sid, Zxid After) : HistoryEvent
{
    public override string Describe() => $"truncated {Sid} after {After}";
}

/// <summary>Server <see cref="Sid"/> durably saved a snapshot at <see cref="Zxid"/>.</summary>
public sealed record SnapshotSaved(long Sid, Zxid Zxid) : HistoryEvent
{
    public override string Describe() => $"snapshot saved {Sid} {Zxid}";
}

/// <summary>Server <see cref="Sid"/> durably deleted its snapshots above <see cref="After"/>; its newest is now <see cref="NewestKept"/>.</summary>
public sealed record SnapshotsDeleted(long Sid, Zxid After, Zxid NewestKept) : HistoryEvent
{
    public override string Describe() => $"snapshots deleted {Sid} after {After}";
}

/// <summary>Peer <see cref="Sid"/> stopped for good (its storage failed or could not be read); it is down, not wrong.</summary>
public sealed record PeerStoppedObserved(long Sid, int Incarnation, string Reason) : HistoryEvent
{
    public override string Describe() => $"stopped {Sid}#{Incarnation}: {Reason}";
}
