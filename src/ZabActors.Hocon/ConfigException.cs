namespace ZabActors.Hocon;

/// <summary>
/// The one exception a caller of the HOCON reader has to handle: a missing or mistyped setting, an
/// unresolved or circular substitution, an unreadable file. Syntax errors use the
/// <see cref="HoconParseException"/> subclass, so catching this type catches every configuration problem.
/// </summary>
public class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
