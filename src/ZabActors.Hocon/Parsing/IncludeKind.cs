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
