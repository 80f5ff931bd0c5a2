using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Parsing;

/// <summary>
/// Finds and parses what an include statement names. Files are located relative to the including file
/// (never the working directory); a name without a known extension loads every one of
/// <c>.properties</c>, <c>.json</c> and <c>.conf</c> that exists, in that order, so HOCON wins. A missing
/// file is ignored unless the include is <c>required(...)</c>. Only <c>file:</c> URLs are read: the
/// reader never goes to the network.
/// </summary>
internal static class IncludeLoader
{
    public static RawObject? Load(IncludeSpec spec, HoconSource source, ParseSession session, string[] prefix)
    {
        var fileName = spec.Kind switch
        {
            IncludeKind.Classpath => throw Error(spec, source,
                $"include classpath(\"{spec.Name}\") is not supported: there is no classpath here; use file(\"...\")"),
            IncludeKind.Url => FileFromUrl(spec, source) ?? throw UnsupportedUrl(spec, source),
            IncludeKind.Heuristic when LooksLikeUrl(spec.Name) => FileFromUrl(spec, source) ?? throw UnsupportedUrl(spec, source),
            _ => spec.Name,
        };
        if (fileName.Length == 0)
            throw Error(spec, source, "the included file name is empty");
        string path;
        try
        {
            path = Path.GetFullPath(Path.IsPathRooted(fileName) ? fileName : Path.Combine(source.IncludeDirectory, fileName));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Error(spec, source, $"invalid file name \"{spec.Name}\": {e.Message}");
        }
        return LoadCandidates(spec, source, session, prefix, path);
    }

    private static RawObject? LoadCandidates(IncludeSpec spec, HoconSource source, ParseSession session, string[] prefix, string path)
    {
        var known = HoconSyntaxes.FromExtension(path);
        (string Path, HoconSyntax Syntax)[] candidates = known is { } knownSyntax
            ? [(path, knownSyntax)]
            : [(path + ".properties", HoconSyntax.Properties), (path + ".json", HoconSyntax.Json), (path + ".conf", HoconSyntax.Conf)];
        RawObject? merged = null;
        foreach (var (candidate, syntax) in candidates)
        {
            if (!File.Exists(candidate))
                continue;
            if (session.IsOpen(candidate))
                throw Error(spec, source, $"include cycle: {string.Join(" -> ", session.OpenFiles.Append(candidate))}");
            if (session.OpenFiles.Count >= ParseSession.MaxIncludeDepth)
                throw Error(spec, source, $"includes are nested more than {ParseSession.MaxIncludeDepth} files deep");
            string text;
            try
            {
                text = DocumentReader.ReadText(candidate);
            }
            catch (ConfigException e) when (e is not HoconParseException)
            {
                throw Error(spec, source, e.Message);
            }
            var included = DocumentReader.ParseRaw(text, new HoconSource(candidate, Path.GetDirectoryName(candidate) ?? source.IncludeDirectory), syntax, session, prefix, candidate);
            if (merged is null)
                merged = included;
            else
                merged.MergeFrom(included);
        }
        if (merged is null && spec.Required)
            throw Error(spec, source, $"required include not found: {string.Join(", ", candidates.Select(c => c.Path))}");
        return merged;
    }

    /// <summary>A scheme of two or more characters followed by "://", or "file:"; "C:\x" is a path, not a URL.</summary>
    internal static bool LooksLikeUrl(string name)
    {
        var colon = name.IndexOf(':');
        if (colon < 2 || !char.IsAsciiLetter(name[0]))
            return false;
        for (var i = 1; i < colon; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
                return false;
        }
        return name.AsSpan(colon).StartsWith("://") || name.AsSpan(0, colon).Equals("file", StringComparison.OrdinalIgnoreCase);
    }

    private static string? FileFromUrl(IncludeSpec spec, HoconSource source)
    {
        if (!Uri.TryCreate(spec.Name, UriKind.Absolute, out var uri))
            throw Error(spec, source, $"invalid URL \"{spec.Name}\"");
        return uri.IsFile ? uri.LocalPath : null;
    }

    private static HoconParseException UnsupportedUrl(IncludeSpec spec, HoconSource source) =>
        Error(spec, source, $"cannot include \"{spec.Name}\": only file: URLs are supported (this reader does not fetch from the network)");

    private static HoconParseException Error(IncludeSpec spec, HoconSource source, string reason) =>
        new(source.Name, spec.At.Line, spec.At.Column, reason);
}
