using System.Text;
using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Parsing;

/// <summary>Values: simple values, arrays, objects, substitutions and the concatenations they form on one line.</summary>
internal sealed partial class HoconParser
{
    /// <summary>
    /// Reads one field value (of <paramref name="key"/>) or array element (key null): every part up to a
    /// newline, comma or closing bracket. Several parts form a concatenation; whitespace before the first
    /// and after the last is dropped.
    /// </summary>
    private RawNode ParseValue(string[]? key)
    {
        var parts = new List<RawNode>(1);
        while (true)
        {
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    parts.Add(new RawWhitespace(token.Text, OriginOf(token)));
                    Advance();
                    continue;
                case TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null:
                    var origin = OriginOf(token);
                    parts.Add(new RawLeaf(token.ToValue(origin), origin));
                    Advance();
                    continue;
                case TokenKind.Substitution:
                    parts.Add(ParseSubstitution(token));
                    Advance();
                    continue;
                case TokenKind.OpenBrace:
                    Advance();
                    parts.Add(ParseObjectBody(token, braced: true));
                    continue;
                case TokenKind.OpenBracket:
                    Advance();
                    parts.Add(ParseArray(token));
                    continue;
                case TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals:
                    throw Error(token, $"{token.Describe()} is not allowed in a value; quote the string if it should contain it");
            }
            break;
        }
        var first = 0;
        var end = parts.Count;
        while (first < end && parts[first] is RawWhitespace)
            first++;
        while (end > first && parts[end - 1] is RawWhitespace)
            end--;
        if (first == end)
            throw Error(Peek, $"expected a value {(key is null ? "as an array element" : $"for key {KeyText(key)}")}, found {Peek.Describe()}");
        return end - first == 1 ? parts[first] : Concatenate(parts.GetRange(first, end - first));
    }

    private RawSubstitution ParseSubstitution(Token token)
    {
        var inner = token.Inner;
        if (inner.All(t => t.Kind == TokenKind.Whitespace))
            throw Error(token, "empty substitution: expected a path inside ${}");
        var path = PathBuilder.Build(inner, 0, inner.Count, _source.Name, token);
        return new RawSubstitution([.. _prefix, .. path], _prefix.Length, token.Optional, OriginOf(token));
    }

    private RawArray ParseArray(Token open)
    {
        EnterNesting(open);
        _arrayDepth++;
        var elements = new List<RawNode>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek;
            if (token.Kind == TokenKind.CloseBracket)
            {
                Advance();
                break;
            }
            if (token.Kind == TokenKind.End)
                throw Error(token, $"expected ']' to close the array opened at line {open.Line}, column {open.Column}, found end of input");
            elements.Add(ParseValue(key: null));
            SkipWhitespace();
            token = Peek;
            switch (token.Kind)
            {
                case TokenKind.Comma:
                    Advance();
                    SkipWhitespaceAndNewlines();
                    if (Peek.Kind == TokenKind.Comma)
                        throw Error(Peek, "two commas in a row; remove one");
                    continue;
                case TokenKind.Newline or TokenKind.CloseBracket:
                    continue;
                default:
                    throw Error(token, $"expected ',', a newline or ']' after an array element, found {token.Describe()}");
            }
        }
        _arrayDepth--;
        _depth--;
        return new RawArray(elements, OriginOf(open));
    }

    /// <summary>
    /// Builds a concatenation, folding what can be folded now: literal text joins into one string, and
    /// literal text next to a literal array or object is an error reported at its position.
    /// </summary>
    private RawNode Concatenate(List<RawNode> parts)
    {
        RawNode? firstObject = null, firstArray = null, firstText = null;
        var hasSubstitution = false;
        foreach (var part in parts)
        {
            switch (part)
            {
                case RawObject: firstObject ??= part; break;
                case RawArray: firstArray ??= part; break;
                case RawLeaf: firstText ??= part; break;
                case RawSubstitution: hasSubstitution = true; break;
            }
        }
        if (firstObject is not null && firstArray is not null)
            throw ConcatenationError(firstObject.Origin.Line > firstArray.Origin.Line ? firstObject : firstArray, "an object with an array");
        if (firstText is not null && (firstObject ?? firstArray) is { } complex)
            throw ConcatenationError(firstText, $"text with {(complex is RawObject ? "an object" : "an array")}; quote the whole value or separate elements with ',' or a newline");
        if (!hasSubstitution && firstObject is null && firstArray is null)
            return JoinText(parts, 0, parts.Count);
        return new RawConcatenation(FoldTextRuns(parts), isAppend: false, parts[0].Origin);
    }

    private HoconParseException ConcatenationError(RawNode at, string what) =>
        new(_source.Name, at.Origin.Line, at.Origin.Column, $"cannot concatenate {what}");

    /// <summary>Joins each run of literal text and whitespace between substitutions into one string part.</summary>
    private static List<RawNode> FoldTextRuns(List<RawNode> parts)
    {
        var folded = new List<RawNode>(parts.Count);
        var i = 0;
        while (i < parts.Count)
        {
            if (parts[i] is not (RawLeaf or RawWhitespace))
            {
                folded.Add(parts[i++]);
                continue;
            }
            var start = i;
            var hasText = false;
            while (i < parts.Count && parts[i] is RawLeaf or RawWhitespace)
                hasText |= parts[i++] is RawLeaf;
            folded.Add(hasText ? JoinText(parts, start, i) : parts[start] is RawWhitespace w && i - start == 1 ? w : JoinWhitespace(parts, start, i));
        }
        return folded;
    }

    private static RawLeaf JoinText(List<RawNode> parts, int start, int end)
    {
        var builder = new StringBuilder();
        for (var i = start; i < end; i++)
            builder.Append(parts[i] is RawWhitespace w ? w.Text : ((RawLeaf)parts[i]).Value.ConcatenationText);
        var origin = parts[start].Origin;
        return new RawLeaf(new HoconString(builder.ToString(), origin), origin);
    }

    private static RawWhitespace JoinWhitespace(List<RawNode> parts, int start, int end)
    {
        var builder = new StringBuilder();
        for (var i = start; i < end; i++)
            builder.Append(((RawWhitespace)parts[i]).Text);
        return new RawWhitespace(builder.ToString(), parts[start].Origin);
    }
}
