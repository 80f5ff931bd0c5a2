namespace ZabActors.Hocon;

/// <summary>The three formats the reader understands; files are told apart by extension.</summary>
public enum HoconSyntax
{
    /// <summary>HOCON (<c>.conf</c>, and any file without a known extension).</summary>
    Conf,

    /// <summary>Strict JSON (<c>.json</c>): no comments, unquoted strings, substitutions or includes.</summary>
    Json,

    /// <summary>Java properties (<c>.properties</c>): every value is a string, keys split on dots.</summary>
    Properties,
}

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
