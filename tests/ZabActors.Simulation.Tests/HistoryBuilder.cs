using System.Collections.Immutable;
using ZabActors.Simulation.Checkers;
using ZabActors.Zab;

namespace ZabActors.Simulation.Tests;

/// <summary>A fluent way to write hand-made histories for the checkers: clients, leaders and peers as one script.</summary>
internal sealed class HistoryBuilder
{
    private readonly List<HistoryEvent> events = [];
    private long nextRequest;

    public static Txn T(long epoch, long counter, string payload) => new(Zxid.Make(epoch, counter), Bytes.FromUtf8(payload));

    public IReadOnlyList<HistoryEvent> Events => events;

    /// <summary>Every peer gets a fresh state machine (as each incarnation starts).</summary>
    public HistoryBuilder Start(params long[] sids)
    {
        foreach (var sid in sids) events.Add(new StateMachineCreated(sid, 1));
        return this;
    }

    /// <summary>A client writes each transaction's payload, and the leader of its epoch broadcasts it.</summary>
    public HistoryBuilder Write(long leader, params Txn[] txns)
    {
        foreach (var txn in txns)
        {
            events.Add(new ClientWriteSubmitted(++nextRequest, leader, txn.Data));
            events.Add(new TxnBroadcast(leader, txn));
        }
        return this;
    }

    public HistoryBuilder Submit(long requestId, string payload)
    {
        events.Add(new ClientWriteSubmitted(requestId, 1, Bytes.FromUtf8(payload)));
        return this;
    }

    public HistoryBuilder Broadcast(long leader, Txn txn)
    {
        events.Add(new TxnBroadcast(leader, txn));
        return this;
    }

    public HistoryBuilder Establish(long leader, long epoch)
    {
        events.Add(new LeaderEstablishedObserved(leader, epoch));
        return this;
    }

    public HistoryBuilder Deliver(long sid, params Txn[] txns)
    {
        foreach (var txn in txns) events.Add(new TxnApplied(sid, 1, txn));
        return this;
    }

    public HistoryBuilder Restore(long sid, params Txn[] txns)
    {
        events.Add(new StateRestored(sid, 1, txns.Length == 0 ? Zxid.Zero : txns[^1].Zxid, [.. txns]));
        return this;
    }

    public HistoryBuilder Restart(long sid)
    {
        events.Add(new PeerCrashed(sid, 1));
        events.Add(new StateMachineCreated(sid, 2));
        return this;
    }

    public HistoryBuilder Flushed(long sid, params Zxid[] zxids)
    {
        events.Add(new LogFlushed(sid, [.. zxids]));
        return this;
    }

    public HistoryBuilder Truncated(long sid, Zxid after)
    {
        events.Add(new LogTruncated(sid, after));
        return this;
    }

    public HistoryBuilder SnapshotAt(long sid, Zxid zxid)
    {
        events.Add(new SnapshotSaved(sid, zxid));
        return this;
    }

    public HistoryBuilder Ack(long requestId, long sid, Zxid zxid)
    {
        events.Add(new ClientWriteCommitted(requestId, sid, zxid));
        return this;
    }

    /// <summary>Feeds the history to <paramref name="checker"/>; returns the violation, or null when it accepts all of it.</summary>
    public InvariantViolation? Check(InvariantChecker checker)
    {
        try
        {
            foreach (var evt in events) checker.Observe(evt);
            return null;
        }
        catch (InvariantViolation violation)
        {
            return violation;
        }
    }

    public InvariantViolation? Check(CheckerSuite suite)
    {
        try
        {
            foreach (var evt in events) suite.Observe(evt);
            return null;
        }
        catch (InvariantViolation violation)
        {
            return violation;
        }
    }

    public static ImmutableArray<Txn> Seq(params Txn[] txns) => [.. txns];
}
