namespace ZabActors.Hocon;

/// <summary>
/// A syntax error in HOCON, JSON or properties text. It owns the location of the problem: the source
/// name (a file path, or <c>&lt;string&gt;</c> for text), a 1-based line and column, and the reason,
/// which says what was expected and what was found.
/// </summary>
public sealed class HoconParseException : ConfigException
{
    public HoconParseException(string sourceName, int line, int column, string reason)
        : base($"{sourceName}:{line}:{column}: {reason}")
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public string SourceName { get; }

    public int Line { get; }

    public int Column { get; }

    public string Reason { get; }
}
