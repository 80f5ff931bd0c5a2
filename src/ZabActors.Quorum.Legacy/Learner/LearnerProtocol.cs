namespace ZabActors.Quorum;

// Messages a learner role actor (FollowerActor, ObserverActor) sends itself.

/// <summary>Every tick-time the learner ticks its LearnerSession (the leader's silence limits).</summary>
internal sealed record LearnerTick
{
    public static readonly LearnerTick Instance = new();
}

/// <summary>The leader refused or was not yet listening: try connecting again.</summary>
internal sealed record Reconnect
{
    public static readonly Reconnect Instance = new();
}
