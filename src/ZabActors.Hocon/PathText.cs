using System.Text;
using ZabActors.Hocon.Parsing;

namespace ZabActors.Hocon;

/// <summary>
/// Converts between path strings such as <c>a.b."c.d"</c> and their elements. Getter paths use the same
/// path expression syntax as keys and substitutions: dots separate elements except inside quotes.
/// </summary>
public static class PathText
{
    /// <summary>Splits a path expression into its elements; an invalid path is a <see cref="ConfigException"/>.</summary>
    public static string[] Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsPlain(path))
        {
            var elements = path.Split('.');
            if (Array.IndexOf(elements, "") < 0)
                return elements;
        }
        try
        {
            var tokens = HoconTokenizer.Tokenize(path, "<path>");
            var last = tokens.Count - 1;
            for (var i = 0; i < last; i++)
            {
                if (tokens[i].Kind != TokenKind.Whitespace && !tokens[i].IsSimpleValue)
                    throw new ConfigException($"Invalid path '{path}': {tokens[i].Describe()} is not allowed in a path (quote the element).");
            }
            return PathBuilder.Build(tokens, 0, last, "<path>", tokens[last]);
        }
        catch (HoconParseException e)
        {
            throw new ConfigException($"Invalid path '{path}': {e.Reason}", e);
        }
    }

    /// <summary>Joins elements into a path expression, quoting the elements that need it.</summary>
    public static string Render(ReadOnlySpan<string> elements)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < elements.Length; i++)
        {
            if (i > 0)
                builder.Append('.');
            var element = elements[i];
            if (element.Length > 0 && IsPlain(element) && !element.Contains('.'))
                builder.Append(element);
            else
                HoconJsonWriter.WriteString(builder, element);
        }
        return builder.ToString();
    }

    public static string Render(IReadOnlyList<string> elements) => Render(elements.ToArray().AsSpan());

    private static bool IsPlain(string text)
    {
        if (text.Length == 0 || text.Contains("//", StringComparison.Ordinal))
            return false;
        foreach (var c in text)
        {
            if (HoconChars.IsWhitespace(c) || HoconChars.IsForbiddenInUnquoted(c))
                return false;
        }
        return true;
    }
}
