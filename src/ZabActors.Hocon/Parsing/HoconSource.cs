namespace ZabActors.Hocon.Parsing;

/// <summary>
/// The text being parsed: the name used in messages and origins, and the directory that relative
/// includes are resolved against.
/// </summary>
internal sealed record HoconSource(string Name, string IncludeDirectory);
