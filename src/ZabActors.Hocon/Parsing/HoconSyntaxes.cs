namespace ZabActors.Hocon.Parsing;

/// <summary>Maps file extensions to syntaxes.</summary>
internal static class HoconSyntaxes
{
    /// <summary>The syntax a file name's extension names, or null when the extension is not one of the three.</summary>
    public static HoconSyntax? FromExtension(string path) =>
        path.EndsWith(".conf", StringComparison.Ordinal) ? HoconSyntax.Conf
        : path.EndsWith(".json", StringComparison.Ordinal) ? HoconSyntax.Json
        : path.EndsWith(".properties", StringComparison.Ordinal) ? HoconSyntax.Properties
        : null;
}
