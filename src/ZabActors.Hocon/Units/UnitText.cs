using System.Globalization;
using ZabActors.Hocon.Parsing;

namespace ZabActors.Hocon.Units;

/// <summary>
/// The specification's units format: optional whitespace, a number, optional whitespace, an optional unit
/// name made of letters, optional whitespace. Numbers follow the JSON grammar (a leading '+' is allowed).
/// </summary>
internal static class UnitText
{
    public static bool TrySplit(string text, out decimal number, out string unit, out string error)
    {
        var span = TrimWhitespace(text.AsSpan());
        var unitStart = span.Length;
        while (unitStart > 0 && char.IsLetter(span[unitStart - 1]))
            unitStart--;
        unit = span[unitStart..].ToString();
        var numberText = TrimWhitespace(span[..unitStart]);
        if (numberText.StartsWith("+"))
            numberText = numberText[1..];
        number = 0;
        if (numberText.IsEmpty)
        {
            error = "no number before the unit";
            return false;
        }
        if (!NumberSyntax.IsNumber(numberText, out _))
        {
            error = $"'{numberText}' is not a number";
            return false;
        }
        if (!decimal.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            error = $"{numberText} is out of range";
            return false;
        }
        error = "";
        return true;
    }

    private static ReadOnlySpan<char> TrimWhitespace(ReadOnlySpan<char> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && HoconChars.IsWhitespace(text[start]))
            start++;
        while (end > start && HoconChars.IsWhitespace(text[end - 1]))
            end--;
        return text[start..end];
    }
}
