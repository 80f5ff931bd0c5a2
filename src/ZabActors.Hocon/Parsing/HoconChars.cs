using System.Globalization;

namespace ZabActors.Hocon.Parsing;

/// <summary>Character classes from the HOCON specification: whitespace and the characters unquoted strings may not hold.</summary>
internal static class HoconChars
{
    /// <summary>
    /// Unicode space, line and paragraph separators (non-breaking spaces included), the ASCII controls
    /// tab through carriage return, the four information separators, and the byte order mark.
    /// </summary>
    public static bool IsWhitespace(char c)
    {
        if (c < 128)
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
        if (c == '\uFEFF')
            return true;
        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    public static bool IsForbiddenInUnquoted(char c) => c switch
    {
        '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\' => true,
        _ => false,
    };

    public static bool IsNumberChar(char c) => c is (>= '0' and <= '9') or 'e' or 'E' or '+' or '-' or '.';
}
