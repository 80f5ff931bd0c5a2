namespace ZabActors.Zab;

/// <summary>Every transaction appended with a zxid up to <see cref="UpTo"/> is durable (the log was flushed).</summary>
public sealed record LogDurable(Zxid UpTo) : ILearnerSessionInput, IProposalTrackerInput, IPeerInput;

/// <summary>A <see cref="SaveEpochs"/> is durable; echoes the values of that request.</summary>
public sealed record EpochsDurable(long? AcceptedEpoch, long? CurrentEpoch) : ILearnerSessionInput, ILeaderDiscoveryInput, IPeerInput;

/// <summary>The snapshot of an <see cref="InstallSnapshot"/> is durable and the state machine restored from it.</summary>
public sealed record SnapshotDurable(Zxid Zxid) : ILearnerSessionInput;

/// <summary>A storage operation failed; the machine gives up its role, as ZooKeeper does on an IOException.</summary>
public sealed record StorageFailed(string Reason) : ILearnerSessionInput, ILeaderDiscoveryInput;
