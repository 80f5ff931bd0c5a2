using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Resolution;

/// <summary>A definition of a field that is being resolved; lookups reaching its slot make it look back.</summary>
internal sealed class DefinitionFrame(Slot slot, int index)
{
    public Slot Slot { get; } = slot;

    public int Index { get; } = index;
}
