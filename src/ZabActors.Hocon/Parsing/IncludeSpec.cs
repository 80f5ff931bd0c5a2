namespace ZabActors.Hocon.Parsing;

/// <summary>How an include statement names its resource.</summary>
internal enum IncludeKind
{
    /// <summary><c>include "name"</c>: a URL when it has a scheme, otherwise a file.</summary>
    Heuristic,
    File,
    Url,
    Classpath,
}

/// <summary>One parsed include statement: what to include, whether it must exist, and where it was written.</summary>
internal sealed record IncludeSpec(IncludeKind Kind, string Name, bool Required, Token At);
