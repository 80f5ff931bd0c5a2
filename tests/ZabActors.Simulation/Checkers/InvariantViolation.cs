namespace ZabActors.Simulation.Checkers;

/// <summary>A checker found a history that breaks <see cref="Property"/>; the simulation stops at once.</summary>
public sealed class InvariantViolation(string property, string detail)
    : Exception($"{property} violated: {detail}")
{
    /// <summary>The name of the broken property, as in Zab.tla (or ours, for client-visible guarantees).</summary>
    public string Property { get; } = property;

    public string Detail { get; } = detail;
}
