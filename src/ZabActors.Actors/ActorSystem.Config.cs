using ZabActors.Hocon;

namespace ZabActors.Actors;

/// <summary>Creating a system from HOCON.</summary>
public sealed partial class ActorSystem
{
    /// <summary>
    /// Creates a system configured by <paramref name="config"/> over the runtime defaults
    /// (<c>actor.conf</c>); <paramref name="setup"/> chooses logging and thread-pool or deterministic mode.
    /// </summary>
    public static ActorSystem Create(string name, Config? config = null, ActorSystemSetup? setup = null) =>
        Create(name, ActorSystemSettings.Create(config ?? Config.Empty), setup);
}
