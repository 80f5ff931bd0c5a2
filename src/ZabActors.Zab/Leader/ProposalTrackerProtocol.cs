using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>
/// The leader's log when it starts leading: its last logged and last applied zxid and its recent
/// transactions, which must include every transaction above <see cref="LastAppliedZxid"/> and up to
/// <c>CommittedLogSize</c> more (the committed log that DIFFs are served from).
/// </summary>
public sealed record LeaderHistory(Zxid LastLoggedZxid, Zxid LastAppliedZxid, ImmutableArray<Txn> RecentTxns);

/// <summary>A handler asks for the leader's history to synchronize learner <see cref="Sid"/> and registers for forwarding.</summary>
public sealed record HistoryRequest(long Sid, LearnerType Type) : IZabEvent, IProposalTrackerInput;

/// <summary>A write to replicate (from a client of the leader); it becomes a transaction with the next zxid.</summary>
public sealed record Propose(Bytes Data) : IProposalTrackerInput;

/// <summary>A client write forwarded by learner <see cref="Sid"/> (REQUEST); treated as <see cref="Propose"/>.</summary>
public sealed record LearnerRequest(long Sid, Bytes Data) : IZabEvent, IProposalTrackerInput;

/// <summary>Learner <see cref="Sid"/> acknowledged <see cref="Zxid"/>.</summary>
public sealed record AckReceived(long Sid, Zxid Zxid) : IZabEvent, IProposalTrackerInput;

/// <summary>A write was not proposed; the driver fails the client request.</summary>
public sealed record ProposalRejected(Bytes Data, string Reason) : IZabEvent;

/// <summary>
/// The zxid counter is exhausted (ZooKeeper's rollover, ZOOKEEPER-1277): the driver must end this
/// leadership (<see cref="EndLeadership"/>) so a new election starts a new epoch.
/// </summary>
public sealed record ReElectionRequired(string Reason) : IZabEvent;
