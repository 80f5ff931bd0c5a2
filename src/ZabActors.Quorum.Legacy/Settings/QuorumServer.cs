using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>One member of the ensemble as configured: its id, address, whether it votes, and its vote weight.</summary>
public sealed record QuorumServer(long Id, string Host, int Port, LearnerType Role, long Weight = 1);
