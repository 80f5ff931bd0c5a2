using System.Text;

namespace ZabActors.Hocon.Parsing;

/// <summary>
/// Turns the tokens of a path expression (a key or the inside of <c>${}</c>) into path elements: dots in
/// unquoted text and numbers separate elements, dots in quoted strings do not, and whitespace between
/// tokens belongs to the element. Empty elements must be quoted.
/// </summary>
internal static class PathBuilder
{
    /// <summary>Builds the path from tokens[start..end), trimming whitespace tokens at both ends.</summary>
    public static string[] Build(IReadOnlyList<Token> tokens, int start, int end, string source, Token after)
    {
        while (start < end && tokens[start].Kind == TokenKind.Whitespace)
            start++;
        while (end > start && tokens[end - 1].Kind == TokenKind.Whitespace)
            end--;
        if (start == end)
            throw new HoconParseException(source, after.Line, after.Column, $"expected a path expression, found {after.Describe()}");

        var elements = new List<string>();
        var current = new StringBuilder();
        var quotedPart = false;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind is TokenKind.Quoted or TokenKind.Whitespace)
            {
                current.Append(token.Text);
                quotedPart |= token.Kind == TokenKind.Quoted;
                continue;
            }
            var text = token.Text;
            var segmentStart = 0;
            int dot;
            while ((dot = text.IndexOf('.', segmentStart)) >= 0)
            {
                current.Append(text, segmentStart, dot - segmentStart);
                Close(elements, current, ref quotedPart, source, token);
                segmentStart = dot + 1;
            }
            current.Append(text, segmentStart, text.Length - segmentStart);
        }
        Close(elements, current, ref quotedPart, source, tokens[end - 1]);
        return [.. elements];
    }

    private static void Close(List<string> elements, StringBuilder current, ref bool quotedPart, string source, Token at)
    {
        if (current.Length == 0 && !quotedPart)
        {
            throw new HoconParseException(source, at.Line, at.Column,
                "a path element may not be empty (check for '..' or a leading or trailing '.'; write \"\" for an empty key)");
        }
        elements.Add(current.ToString());
        current.Clear();
        quotedPart = false;
    }
}
