using ZabActors.Actors;

namespace ZabActors.Persistence;

/// <summary>
/// Entry point to a system's persistence, spelled as in Akka: <c>Persistence.Instance.Apply(system)</c>.
/// </summary>
public static class Persistence
{
    public static PersistenceProvider Instance { get; } = new();
}

/// <summary>Finds or creates the <see cref="PersistenceExtension"/> of an actor system.</summary>
public sealed class PersistenceProvider
{
    internal PersistenceProvider() { }

    /// <summary>The system's persistence, created from its configuration on first use.</summary>
    public PersistenceExtension Apply(ActorSystem system) => PersistenceExtension.Get(system);
}
