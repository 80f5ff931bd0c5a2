namespace ZabActors.Hocon.Parsing;

/// <summary>The kinds of token HOCON text breaks into; comments are dropped by the tokenizer.</summary>
internal enum TokenKind : byte
{
    End,
    Newline,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Unquoted,
    Quoted,
    Number,
    True,
    False,
    Null,
    Substitution,
}
