namespace ZabActors.Quorum;

/// <summary>Names one leader-learner connection for as long as it lives; a network never reuses an id.</summary>
public readonly record struct ConnectionId(long Value)
{
    public override string ToString() => $"conn-{Value}";
}
