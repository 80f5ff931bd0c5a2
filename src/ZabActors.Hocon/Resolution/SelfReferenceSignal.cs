namespace ZabActors.Hocon.Resolution;

/// <summary>
/// Thrown when a lookup reaches the slot of a definition being resolved: that definition is
/// self-referential, and catches this to resolve again looking only at the definitions before it.
/// </summary>
internal sealed class SelfReferenceSignal(DefinitionFrame frame) : Exception("self-reference")
{
    public DefinitionFrame Frame { get; } = frame;
}
