namespace ZabActors.Quorum;

/// <summary>The ElectionActor's timer fired: advance the election clock.</summary>
internal sealed record ElectionTimeout
{
    public static readonly ElectionTimeout Instance = new();
}
