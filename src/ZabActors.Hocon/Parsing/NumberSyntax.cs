namespace ZabActors.Hocon.Parsing;

/// <summary>
/// The number grammar the tokenizer accepts: JSON's, relaxed as the reference implementation relaxes it
/// (leading zeros, "1." and "-.5" are numbers). Used for values and for string-to-number conversion.
/// </summary>
internal static class NumberSyntax
{
    public static bool IsNumber(ReadOnlySpan<char> text, out bool isDouble)
    {
        isDouble = false;
        var i = 0;
        if (i < text.Length && text[i] == '-')
            i++;
        var digits = CountDigits(text, ref i);
        if (i < text.Length && text[i] == '.')
        {
            isDouble = true;
            i++;
            digits += CountDigits(text, ref i);
        }
        if (digits == 0)
            return false;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            isDouble = true;
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                i++;
            if (CountDigits(text, ref i) == 0)
                return false;
        }
        return i == text.Length;
    }

    private static int CountDigits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            i++;
        return i - start;
    }
}
