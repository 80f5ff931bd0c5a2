using System.Globalization;
using System.Text;

namespace ZabActors.Hocon.Parsing;

/// <summary>
/// Splits HOCON text into tokens in one pass, looking at most three characters ahead as the
/// specification promises. It owns the lexical rules: comments, the three string forms, the JSON
/// escapes, numbers (kept with their original text), the keywords recognised at the start of unquoted
/// text, and the characters that are reserved outside quotes.
/// </summary>
internal sealed class HoconTokenizer
{
    private static readonly string[] SpaceRuns = [.. Enumerable.Range(0, 17).Select(n => new string(' ', n))];

    private readonly string _text;
    private readonly string _source;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private HoconTokenizer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    private int Column => _pos - _lineStart + 1;

    public static List<Token> Tokenize(string text, string source)
    {
        var tokenizer = new HoconTokenizer(text, source);
        var tokens = new List<Token>((text.Length / 6) + 4);
        while (tokenizer._pos < text.Length)
        {
            var token = tokenizer.Next(inSubstitution: false);
            if (token is not null)
                tokens.Add(token);
        }
        tokens.Add(new Token(TokenKind.End, tokenizer._line, tokenizer.Column, ""));
        return tokens;
    }

    internal static string DescribeChar(char c) =>
        c > ' ' && c < '\u007F' ? $"'{c}'" : string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");

    private HoconParseException Error(int line, int column, string reason) => new(_source, line, column, reason);

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private Token? Next(bool inSubstitution)
    {
        var c = _text[_pos];
        int line = _line, column = Column;
        if (c == '\n')
        {
            _pos++;
            _line++;
            _lineStart = _pos;
            return new Token(TokenKind.Newline, line, column, "\n");
        }
        if (HoconChars.IsWhitespace(c))
            return ReadWhitespace(line, column);
        if (c == '#' || (c == '/' && Peek(1) == '/'))
        {
            if (inSubstitution)
                throw Error(line, column, "a comment cannot start inside a substitution; is the closing '}' missing?");
            SkipComment();
            return null;
        }
        return c switch
        {
            '"' => Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuoted(line, column) : ReadQuoted(line, column),
            '{' => Single(TokenKind.OpenBrace, "{", line, column),
            '}' => Single(TokenKind.CloseBrace, "}", line, column),
            '[' => Single(TokenKind.OpenBracket, "[", line, column),
            ']' => Single(TokenKind.CloseBracket, "]", line, column),
            ',' => Single(TokenKind.Comma, ",", line, column),
            ':' => Single(TokenKind.Colon, ":", line, column),
            '=' => Single(TokenKind.Equals, "=", line, column),
            '+' => ReadPlusEquals(line, column),
            '$' => ReadSubstitution(line, column, inSubstitution),
            '-' or (>= '0' and <= '9') => ReadNumber(line, column),
            _ when HoconChars.IsForbiddenInUnquoted(c) =>
                throw Error(line, column, $"reserved character {DescribeChar(c)} is not allowed outside quotes; quote the string"),
            _ => ReadUnquoted(line, column),
        };
    }

    private Token Single(TokenKind kind, string text, int line, int column)
    {
        _pos++;
        return new Token(kind, line, column, text);
    }

    private Token ReadPlusEquals(int line, int column)
    {
        if (Peek(1) != '=')
            throw Error(line, column, "'+' is not allowed outside quotes (did you mean '+='?)");
        _pos += 2;
        return new Token(TokenKind.PlusEquals, line, column, "+=");
    }

    private Token ReadWhitespace(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] != '\n' && HoconChars.IsWhitespace(_text[_pos]))
            _pos++;
        // Most whitespace is a run of plain spaces (indentation, around separators): share those strings.
        var length = _pos - start;
        var text = length < SpaceRuns.Length && _text.AsSpan(start, length).IndexOfAnyExcept(' ') < 0 ? SpaceRuns[length] : _text[start.._pos];
        return new Token(TokenKind.Whitespace, line, column, text);
    }

    private void SkipComment()
    {
        var end = _text.IndexOf('\n', _pos);
        _pos = end < 0 ? _text.Length : end;
    }

    private Token ReadUnquoted(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (HoconChars.IsWhitespace(c) || HoconChars.IsForbiddenInUnquoted(c) || (c == '/' && Peek(1) == '/'))
                break;
            _pos++;
            // Keywords count only at the start of unquoted text: "truefoo" is true then "foo".
            var length = _pos - start;
            if (length == 4 && _text.AsSpan(start, 4) is "true")
                return new Token(TokenKind.True, line, column, "true");
            if (length == 4 && _text.AsSpan(start, 4) is "null")
                return new Token(TokenKind.Null, line, column, "null");
            if (length == 5 && _text.AsSpan(start, 5) is "false")
                return new Token(TokenKind.False, line, column, "false");
        }
        return new Token(TokenKind.Unquoted, line, column, _text[start.._pos]);
    }

    private Token ReadNumber(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length && HoconChars.IsNumberChar(_text[_pos]))
            _pos++;
        var text = _text[start.._pos];
        if (!NumberSyntax.IsNumber(text, out var isDouble))
        {
            // Not a number after all ("1-2", "1.2.3", "-"): these characters then start unquoted text.
            var plus = text.IndexOf('+');
            if (plus >= 0)
                throw Error(line, column + plus, "reserved character '+' is not allowed outside quotes; quote the string");
            return new Token(TokenKind.Unquoted, line, column, text);
        }
        if (!isDouble && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return new Token(TokenKind.Number, line, column, text) { LongValue = l };
        var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(d))
            throw Error(line, column, $"number {text} is out of range for a double");
        return new Token(TokenKind.Number, line, column, text) { DoubleValue = d, IsDouble = true };
    }

    private Token ReadQuoted(int line, int column)
    {
        _pos++;
        var builder = new StringBuilder();
        var chunkStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
                throw Error(line, column, "unterminated quoted string (missing closing '\"')");
            var c = _text[_pos];
            if (c == '"')
            {
                builder.Append(_text, chunkStart, _pos - chunkStart);
                _pos++;
                return new Token(TokenKind.Quoted, line, column, builder.ToString());
            }
            if (c == '\\')
            {
                builder.Append(_text, chunkStart, _pos - chunkStart);
                ReadEscape(builder);
                chunkStart = _pos;
                continue;
            }
            if (c < ' ')
            {
                throw c == '\n'
                    ? Error(_line, Column, "a quoted string cannot contain a newline; use \\n or a triple-quoted string (is the closing '\"' missing?)")
                    : Error(_line, Column, $"a quoted string cannot contain the control character {DescribeChar(c)}; use a \\u escape");
            }
            _pos++;
        }
    }

    private void ReadEscape(StringBuilder builder)
    {
        int line = _line, column = Column;
        _pos++;
        if (_pos >= _text.Length)
            throw Error(line, column, "unterminated quoted string (the input ends after a backslash)");
        var e = _text[_pos++];
        switch (e)
        {
            case '"': builder.Append('"'); break;
            case '\\': builder.Append('\\'); break;
            case '/': builder.Append('/'); break;
            case 'b': builder.Append('\b'); break;
            case 'f': builder.Append('\f'); break;
            case 'n': builder.Append('\n'); break;
            case 'r': builder.Append('\r'); break;
            case 't': builder.Append('\t'); break;
            case 'u':
                if (_pos + 4 > _text.Length
                    || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw Error(line, column, "\\u must be followed by four hexadecimal digits");
                }
                builder.Append((char)code);
                _pos += 4;
                break;
            default:
                throw Error(line, column, $"invalid escape '\\{(e < ' ' ? '?' : e)}' in a quoted string (valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    private Token ReadTripleQuoted(int line, int column)
    {
        _pos += 3;
        var start = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
                throw Error(line, column, "unterminated triple-quoted string (missing closing '\"\"\"')");
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
                continue;
            }
            if (c != '"')
            {
                _pos++;
                continue;
            }
            // Any run of three or more quotes ends the string; quotes beyond the last three belong to it.
            var run = 0;
            while (_pos + run < _text.Length && _text[_pos + run] == '"')
                run++;
            if (run >= 3)
            {
                var content = _text[start..(_pos + run - 3)];
                _pos += run;
                return new Token(TokenKind.Quoted, line, column, content);
            }
            _pos += run;
        }
    }

    private Token ReadSubstitution(int line, int column, bool inSubstitution)
    {
        if (Peek(1) != '{')
            throw Error(line, column, "'$' is not allowed outside quotes unless it starts a substitution '${'");
        if (inSubstitution)
            throw Error(line, column, "substitutions cannot be nested");
        _pos += 2;
        var optional = false;
        if (Peek(0) == '?')
        {
            optional = true;
            _pos++;
        }
        var inner = new List<Token>();
        while (true)
        {
            if (_pos >= _text.Length)
                throw Error(line, column, "unterminated substitution (missing closing '}')");
            var c = _text[_pos];
            if (c == '}')
            {
                _pos++;
                return new Token(TokenKind.Substitution, line, column, optional ? "${?" : "${") { Optional = optional, Inner = inner };
            }
            if (c == '\n')
                throw Error(_line, Column, "a substitution cannot span lines (missing closing '}')");
            var token = Next(inSubstitution: true);
            if (token is null)
                continue;
            if (token.Kind != TokenKind.Whitespace && !token.IsSimpleValue)
                throw Error(token.Line, token.Column, $"{token.Describe()} is not allowed in a substitution's path (missing closing '}}'?)");
            inner.Add(token);
        }
    }
}
