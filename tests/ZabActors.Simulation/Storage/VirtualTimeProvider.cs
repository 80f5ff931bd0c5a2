using ZabActors.Actors;

namespace ZabActors.Simulation.Storage;

/// <summary>
/// The runtime's virtual clock as a <see cref="TimeProvider"/>, for what the persistence plugin
/// stamps (snapshot timestamps): a fixed origin plus virtual elapsed time, so stored bytes, and
/// their checksums, are the same on every replay of a seed.
/// </summary>
public sealed class VirtualTimeProvider(DeterministicRuntime runtime) : TimeProvider
{
    private static readonly DateTimeOffset Origin = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Origin + runtime.Elapsed;
}
