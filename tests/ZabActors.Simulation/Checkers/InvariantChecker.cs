namespace ZabActors.Simulation.Checkers;

/// <summary>
/// One safety property checked incrementally: it sees every <see cref="HistoryEvent"/> in order and
/// throws <see cref="InvariantViolation"/> the moment the history so far breaks the property.
/// </summary>
public abstract class InvariantChecker
{
    /// <summary>The property's name, as in ZooKeeper's Zab.tla where it has one.</summary>
    public abstract string Property { get; }

    public abstract void Observe(HistoryEvent evt);

    protected void Violated(string detail) => throw new InvariantViolation(Property, detail);
}
