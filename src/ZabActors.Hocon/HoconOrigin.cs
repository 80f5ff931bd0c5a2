namespace ZabActors.Hocon;

/// <summary>
/// Where a value was written: a source name (file path or <c>&lt;string&gt;</c>) and a 1-based line and
/// column. A line of 0 means the position is unknown (values read from JSON files or the environment).
/// </summary>
public sealed record HoconOrigin(string Source, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
}
