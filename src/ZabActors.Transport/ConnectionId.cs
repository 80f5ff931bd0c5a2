namespace ZabActors.Transport;

/// <summary>Names one leader-learner connection on this node for as long as it lives; a transport never reuses an id.</summary>
public readonly record struct ConnectionId(long Value)
{
    public override string ToString() => $"conn-{Value}";
}
