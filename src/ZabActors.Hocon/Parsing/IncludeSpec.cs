namespace ZabActors.Hocon.Parsing;

/// <summary>One parsed include statement: what to include, whether it must exist, and where it was written.</summary>
internal sealed record IncludeSpec(IncludeKind Kind, string Name, bool Required, Token At);
