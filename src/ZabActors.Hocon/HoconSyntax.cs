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
