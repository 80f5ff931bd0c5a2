using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Parsing;

/// <summary>
/// Include statements: <c>include "f"</c>, <c>include file("f")</c>, <c>url(...)</c>, <c>classpath(...)</c>
/// and <c>required(...)</c> around any of them. The tokenizer reads <c>file("</c> as unquoted text
/// <c>file(</c> followed by a quoted string, so the statement is re-read here as words, parentheses and
/// quoted strings.
/// </summary>
internal sealed partial class HoconParser
{
    private const string IncludeUsage = "include must be followed by a quoted name, file(\"...\"), url(\"...\"), classpath(\"...\") or required(...)";

    private enum AtomKind
    {
        Word,
        Open,
        Close,
        Quoted,
        Space,
    }

    private readonly record struct Atom(AtomKind Kind, string Text, Token At);

    /// <summary>An unquoted <c>include</c> starting a key, followed by whitespace, is an include statement.</summary>
    private bool IsIncludeStatement()
    {
        var token = Peek;
        return token.Kind == TokenKind.Unquoted
            && token.Text == "include"
            && _tokens[_index + 1].Kind is TokenKind.Whitespace or TokenKind.Newline;
    }

    private string[]? ParseInclude(RawObject obj)
    {
        var keyword = Advance();
        SkipWhitespaceAndNewlines();
        var atoms = ReadIncludeAtoms();
        var position = 0;
        var spec = ParseIncludeSpec(atoms, ref position, keyword);
        while (position < atoms.Count && atoms[position].Kind == AtomKind.Space)
            position++;
        if (position < atoms.Count)
            throw Error(atoms[position].At, $"unexpected '{atoms[position].Text}' after the include statement");
        // Inside an array the included object has no path, so its substitutions resolve from the root.
        string[] prefix = _arrayDepth > 0 ? [] : [.. _path];
        var included = IncludeLoader.Load(spec, _source, _session, prefix);
        if (included is not null)
            obj.MergeFrom(included);
        return null;
    }

    private List<Atom> ReadIncludeAtoms()
    {
        var atoms = new List<Atom>();
        while (true)
        {
            var token = Peek;
            if (token.Kind == TokenKind.Quoted)
                atoms.Add(new Atom(AtomKind.Quoted, token.Text, token));
            else if (token.Kind == TokenKind.Whitespace)
                atoms.Add(new Atom(AtomKind.Space, token.Text, token));
            else if (token.Kind == TokenKind.Unquoted)
                SplitWords(token, atoms);
            else
                return atoms;
            Advance();
        }
    }

    private static void SplitWords(Token token, List<Atom> atoms)
    {
        var text = token.Text;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '(' && text[i] != ')')
                continue;
            if (i > start)
                atoms.Add(new Atom(AtomKind.Word, text[start..i], token));
            if (i < text.Length)
                atoms.Add(new Atom(text[i] == '(' ? AtomKind.Open : AtomKind.Close, text[i].ToString(), token));
            start = i + 1;
        }
    }

    private IncludeSpec ParseIncludeSpec(List<Atom> atoms, ref int position, Token keyword)
    {
        var first = NextAtom(atoms, ref position, keyword, skipSpace: true);
        if (first.Kind == AtomKind.Word && first.Text == "required")
        {
            ExpectAtom(atoms, ref position, AtomKind.Open, "'(' directly after required", keyword, skipSpace: false);
            var inner = ParseIncludeResource(atoms, ref position, keyword, NextAtom(atoms, ref position, keyword, skipSpace: true));
            ExpectAtom(atoms, ref position, AtomKind.Close, "')' to close required(", keyword, skipSpace: true);
            return inner with { Required = true };
        }
        return ParseIncludeResource(atoms, ref position, keyword, first);
    }

    private IncludeSpec ParseIncludeResource(List<Atom> atoms, ref int position, Token keyword, Atom first)
    {
        if (first.Kind == AtomKind.Quoted)
            return new IncludeSpec(IncludeKind.Heuristic, first.Text, Required: false, first.At);
        var kind = first.Kind != AtomKind.Word ? (IncludeKind?)null : first.Text switch
        {
            "file" => IncludeKind.File,
            "url" => IncludeKind.Url,
            "classpath" => IncludeKind.Classpath,
            _ => null,
        };
        if (kind is null)
            throw Error(first.At, $"{IncludeUsage}, found '{first.Text}'");
        ExpectAtom(atoms, ref position, AtomKind.Open, $"'(' directly after {first.Text}", keyword, skipSpace: false);
        var name = ExpectAtom(atoms, ref position, AtomKind.Quoted, $"a quoted string inside {first.Text}(...)", keyword, skipSpace: true);
        ExpectAtom(atoms, ref position, AtomKind.Close, $"')' to close {first.Text}(", keyword, skipSpace: true);
        return new IncludeSpec(kind.Value, name.Text, Required: false, first.At);
    }

    private Atom NextAtom(List<Atom> atoms, ref int position, Token keyword, bool skipSpace)
    {
        while (skipSpace && position < atoms.Count && atoms[position].Kind == AtomKind.Space)
            position++;
        if (position >= atoms.Count)
            throw Error(position > 0 ? atoms[^1].At : Peek.Kind == TokenKind.End ? Peek : keyword, $"{IncludeUsage}, found {Peek.Describe()}");
        return atoms[position++];
    }

    private Atom ExpectAtom(List<Atom> atoms, ref int position, AtomKind kind, string expected, Token keyword, bool skipSpace)
    {
        var atom = NextAtom(atoms, ref position, keyword, skipSpace);
        if (atom.Kind != kind)
            throw Error(atom.At, $"in the include statement, expected {expected}, found {(atom.Kind == AtomKind.Space ? "whitespace" : $"'{atom.Text}'")}");
        return atom;
    }
}
