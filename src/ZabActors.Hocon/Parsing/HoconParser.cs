using System.Runtime.CompilerServices;
using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Parsing;

/// <summary>
/// Recursive-descent parser from tokens to a raw tree. It owns the document structure: optional root
/// braces, fields with <c>:</c>, <c>=</c>, <c>+=</c> or nothing before <c>{</c>, path keys, and the
/// comma-or-newline separator rules. Values and includes live in the other partial files.
/// </summary>
internal sealed partial class HoconParser
{
    private const int MaxNestingDepth = 200;

    private readonly List<Token> _tokens;
    private readonly HoconSource _source;
    private readonly ParseSession _session;

    // Absolute path of the object being parsed; the first _prefix.Length elements are the include point.
    private readonly List<string> _path;
    private readonly string[] _prefix;
    private int _index;
    private int _depth;
    private int _arrayDepth;

    private HoconParser(List<Token> tokens, HoconSource source, ParseSession session, string[] prefix)
    {
        _tokens = tokens;
        _source = source;
        _session = session;
        _prefix = prefix;
        _path = [.. prefix];
        _depth = prefix.Length;
    }

    private Token Peek => _tokens[_index];

    /// <summary>Parses HOCON text whose substitutions are relative to <paramref name="prefix"/> (empty for a root document).</summary>
    public static RawObject Parse(string text, HoconSource source, ParseSession session, string[] prefix)
    {
        var tokens = HoconTokenizer.Tokenize(text, source.Name);
        return new HoconParser(tokens, source, session, prefix).ParseDocument();
    }

    private Token Advance()
    {
        var token = _tokens[_index];
        if (token.Kind != TokenKind.End)
            _index++;
        return token;
    }

    private HoconOrigin OriginOf(Token token) => new(_source.Name, token.Line, token.Column);

    private HoconParseException Error(Token at, string reason) => new(_source.Name, at.Line, at.Column, reason);

    private void SkipWhitespace()
    {
        while (Peek.Kind == TokenKind.Whitespace)
            _index++;
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
            _index++;
    }

    private void EnterNesting(Token open)
    {
        if (++_depth > MaxNestingDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Error(open, $"objects and arrays are nested more than {MaxNestingDepth} levels deep");
    }

    private RawObject ParseDocument()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek;
        if (first.Kind == TokenKind.OpenBracket)
            throw Error(first, "the root of a configuration must be an object, found an array");
        if (first.Kind != TokenKind.OpenBrace)
            return ParseObjectBody(first, braced: false);
        Advance();
        var root = ParseObjectBody(first, braced: true);
        SkipWhitespaceAndNewlines();
        if (Peek.Kind != TokenKind.End)
            throw Error(Peek, $"expected the end of input after the root object's closing '}}', found {Peek.Describe()}");
        return root;
    }

    private RawObject ParseObjectBody(Token open, bool braced)
    {
        EnterNesting(open);
        var obj = new RawObject(OriginOf(open));
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek;
            if (token.Kind == TokenKind.CloseBrace)
            {
                if (!braced)
                    throw Error(token, "unbalanced '}': the document did not open with '{'");
                Advance();
                break;
            }
            if (token.Kind == TokenKind.End)
            {
                if (braced)
                    throw Error(token, $"expected '}}' to close the object opened at line {open.Line}, column {open.Column}, found end of input");
                break;
            }
            // The key of the field just parsed (null after an include), named only if a separator is missing.
            var key = IsIncludeStatement() ? ParseInclude(obj) : ParseField(obj);
            ExpectFieldSeparator(key);
        }
        _depth--;
        return obj;
    }

    private void ExpectFieldSeparator(string[]? key)
    {
        SkipWhitespace();
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.Comma:
                Advance();
                SkipWhitespaceAndNewlines();
                if (Peek.Kind == TokenKind.Comma)
                    throw Error(Peek, "two commas in a row; remove one");
                return;
            case TokenKind.Newline or TokenKind.End or TokenKind.CloseBrace:
                return;
            default:
                var after = key is null ? "the include statement" : $"the value of {KeyText(key)}";
                throw Error(token, $"expected ',' or a newline after {after}, found {token.Describe()}");
        }
    }

    private string[] ParseField(RawObject obj)
    {
        var keyStart = Peek;
        var key = ParseKey();
        if (_path.Count + key.Length > MaxNestingDepth)
            throw Error(keyStart, $"the key {KeyText(key)} nests objects more than {MaxNestingDepth} levels deep");
        SkipWhitespaceAndNewlines();
        var separator = Peek;
        _path.AddRange(key);
        RawNode value;
        switch (separator.Kind)
        {
            case TokenKind.OpenBrace:
                Advance();
                value = ParseObjectBody(separator, braced: true);
                break;
            case TokenKind.Colon or TokenKind.Equals:
                Advance();
                SkipWhitespaceAndNewlines();
                value = ParseValue(key);
                break;
            case TokenKind.PlusEquals:
                Advance();
                SkipWhitespaceAndNewlines();
                value = MakeAppend(ParseValue(key), separator);
                break;
            default:
                throw Error(separator, $"expected ':', '=', '+=' or '{{' after the key {KeyText(key)}, found {separator.Describe()}");
        }
        _path.RemoveRange(_path.Count - key.Length, key.Length);
        obj.AddPath(key, value);
        return key;
    }

    /// <summary>A key as messages show it: <c>'a.b'</c>, or the quoted form when it needs quotes.</summary>
    private static string KeyText(string[] key)
    {
        var rendered = PathText.Render(key);
        return rendered.StartsWith('"') ? rendered : $"'{rendered}'";
    }

    private string[] ParseKey()
    {
        var start = _index;
        var sawValue = false;
        while (Peek.Kind == TokenKind.Whitespace || Peek.IsSimpleValue)
        {
            sawValue |= Peek.IsSimpleValue;
            _index++;
        }
        if (Peek.Kind == TokenKind.Substitution)
            throw Error(Peek, "substitutions are not allowed in keys");
        if (!sawValue)
            throw Error(Peek, $"expected a key, found {Peek.Describe()}");
        return PathBuilder.Build(_tokens, start, _index, _source.Name, Peek);
    }

    /// <summary><c>a += x</c> is <c>a = ${?a} [x]</c>, with the path of <c>a</c> from the root.</summary>
    private RawConcatenation MakeAppend(RawNode element, Token separator)
    {
        if (_arrayDepth > 0)
            throw Error(separator, "'+=' is not supported inside an array, where the field has no path to append to");
        // The previous value is the field itself, never a same-named field at the root: no prefix fallback.
        var self = new RawSubstitution([.. _path], prefixLength: 0, optional: true, OriginOf(separator));
        return RawConcatenation.Append(self, element, OriginOf(separator));
    }
}
