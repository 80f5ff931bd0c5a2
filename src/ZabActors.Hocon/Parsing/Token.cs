using System.Globalization;

namespace ZabActors.Hocon.Parsing;

/// <summary>
/// One token with its position. <see cref="Text"/> is the token as written for unquoted text, numbers,
/// keywords and whitespace, and the decoded content for quoted strings. A substitution carries the
/// tokens of its path expression.
/// </summary>
internal sealed class Token
{
    public Token(TokenKind kind, int line, int column, string text)
    {
        Kind = kind;
        Line = line;
        Column = column;
        Text = text;
    }

    public TokenKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    public string Text { get; }

    /// <summary>The parsed number, for <see cref="TokenKind.Number"/> tokens.</summary>
    public long LongValue { get; init; }

    public double DoubleValue { get; init; }

    public bool IsDouble { get; init; }

    /// <summary>True for <c>${?path}</c>.</summary>
    public bool Optional { get; init; }

    /// <summary>The path expression tokens of a substitution.</summary>
    public IReadOnlyList<Token> Inner { get; init; } = [];

    public bool IsSimpleValue => Kind is TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe()
    {
        const int maxText = 30;
        var shown = Text.Length <= maxText ? Text : Text[..maxText] + "...";
        return Kind switch
        {
            TokenKind.End => "end of input",
            TokenKind.Newline => "newline",
            TokenKind.Whitespace => "whitespace",
            TokenKind.Comma => "','",
            TokenKind.Colon => "':'",
            TokenKind.Equals => "'='",
            TokenKind.PlusEquals => "'+='",
            TokenKind.OpenBrace => "'{'",
            TokenKind.CloseBrace => "'}'",
            TokenKind.OpenBracket => "'['",
            TokenKind.CloseBracket => "']'",
            TokenKind.Quoted => $"quoted string \"{shown}\"",
            TokenKind.Number => $"number {shown}",
            TokenKind.Substitution => Optional ? "substitution ${?...}" : "substitution ${...}",
            _ => $"'{shown}'",
        };
    }

    public HoconValue ToValue(HoconOrigin origin) => Kind switch
    {
        TokenKind.Quoted or TokenKind.Unquoted => new HoconString(Text, origin),
        TokenKind.Number => IsDouble ? new HoconNumber(DoubleValue, Text, origin) : new HoconNumber(LongValue, Text, origin),
        TokenKind.True => new HoconBoolean(true, origin),
        TokenKind.False => new HoconBoolean(false, origin),
        TokenKind.Null => new HoconNull(origin),
        _ => throw new InvalidOperationException($"Token {Kind} is not a simple value."),
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind} '{Text}' at {Line}:{Column}");
}
