using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>
/// What a learner has on disk when it starts following: its epochs, the last zxid of its log (or
/// snapshot), the last zxid its state machine applied, and the logged transactions above that one
/// (the uncommitted tail of a previous epoch), in zxid order.
/// </summary>
public sealed record LearnerStart(
    long AcceptedEpoch, long CurrentEpoch, Zxid LastLoggedZxid, Zxid LastAppliedZxid, ImmutableArray<Txn> UnappliedTxns);

/// <summary>The peer decided to follow or observe: connect to the leader. The driver steps it right after creating the machine.</summary>
public sealed record StartLearning : ILearnerSessionInput
{
    public static StartLearning Instance { get; } = new();
}

/// <summary>The connection to the leader broke; the session ends as ZooKeeper's learner does on a socket error.</summary>
public sealed record ConnectionLost(string Reason) : ILearnerSessionInput;

/// <summary>A client write this learner forwards to the leader as REQUEST (only while in broadcast).</summary>
public sealed record ClientWrite(Bytes Data) : ILearnerSessionInput;

/// <summary>The session with the leader is over (refused epoch, silence, protocol error); the peer goes back to LOOKING.</summary>
public sealed record LeaderLost(string Reason) : IZabEvent;

/// <summary>UPTODATE arrived: the learner serves clients in <see cref="Epoch"/>; route to the election (<see cref="UpdateElectionVote"/>).</summary>
public sealed record LearnerUpToDate(long Epoch) : IZabEvent;

/// <summary>A client write was not forwarded because the learner is not in broadcast.</summary>
public sealed record ClientWriteRejected(Bytes Data, string Reason) : IZabEvent;
