using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Resolution;

/// <summary>A definition of a field that is being resolved; lookups reaching its slot make it look back.</summary>
internal sealed class DefinitionFrame(Slot slot, int index)
{
    public Slot Slot { get; } = slot;

    public int Index { get; } = index;
}

/// <summary>
/// Thrown when a lookup reaches the slot of a definition being resolved: that definition is
/// self-referential, and catches this to resolve again looking only at the definitions before it.
/// </summary>
internal sealed class SelfReferenceSignal(DefinitionFrame frame) : Exception("self-reference")
{
    public DefinitionFrame Frame { get; } = frame;
}
