namespace ZabActors.Quorum;

// Messages inside a leader's subtree (LeaderActor, ProposalActor, LearnerHandlerActors).

/// <summary>Every tick-time the LeaderActor ticks its LeaderDiscovery.</summary>
internal sealed record LeaderTick
{
    public static readonly LeaderTick Instance = new();
}

/// <summary>Every tick-time a LearnerHandlerActor ticks its LearnerSync (pings and the learner's time limits).</summary>
internal sealed record HandlerTick
{
    public static readonly HandlerTick Instance = new();
}

/// <summary>Handler → ProposalActor: the session of learner <see cref="Sid"/> ended; stop forwarding to the sender.</summary>
internal sealed record StopForwarding(long Sid);

/// <summary>
/// Test hook, like ZooKeeper's <c>zookeeper.testingonly.initialZxid</c>: the ProposalActor continues
/// its zxid counter from <see cref="Counter"/>, so a test reaches the rollover without billions of writes.
/// </summary>
internal sealed record SkipZxidCounter(long Counter);
