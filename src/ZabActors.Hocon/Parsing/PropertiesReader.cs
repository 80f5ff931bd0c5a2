using System.Globalization;
using System.Text;

namespace ZabActors.Hocon.Parsing;

/// <summary>
/// Reads Java properties text (the format of <c>java.util.Properties.load</c>: <c>#</c>/<c>!</c> comment
/// lines, <c>=</c>, <c>:</c> or whitespace separators, backslash continuations and escapes) and maps it
/// to an object as the HOCON specification says: keys split on every dot, values are always strings, and
/// when a key is both a value and a parent of other keys the object wins.
/// </summary>
internal static class PropertiesReader
{
    private const int MaxPathElements = 200;

    private sealed class Node
    {
        public OrderedDictionary<string, Node>? Children;
        public string? Value;
        public int Line;
    }

    public static HoconObject Read(string text, string sourceName)
    {
        var root = new Node { Children = new(StringComparer.Ordinal) };
        var position = 0;
        var line = 1;
        while (ReadLogicalLine(text, ref position, ref line, out var logical, out var startLine))
        {
            var (key, value) = SplitKeyValue(logical, sourceName, startLine);
            var path = key.Split('.');
            if (path.Length > MaxPathElements)
                throw new HoconParseException(sourceName, startLine, 1, $"the key has more than {MaxPathElements} path elements");
            Insert(root, path, value, startLine);
        }
        return (HoconObject)ToObject(root, sourceName);
    }

    private static bool ReadLogicalLine(string text, ref int position, ref int line, out string logical, out int startLine)
    {
        var builder = new StringBuilder();
        startLine = line;
        var continuing = false;
        while (position < text.Length)
        {
            while (position < text.Length && text[position] is ' ' or '\t' or '\f')
                position++;
            var end = position;
            while (end < text.Length && text[end] is not ('\n' or '\r'))
                end++;
            var content = text.AsSpan(position, end - position);
            position = end < text.Length && text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : Math.Min(end + 1, text.Length);
            line++;
            if (!continuing && (content.IsEmpty || content[0] is '#' or '!'))
            {
                startLine = line;
                continue;
            }
            var backslashes = content.Length - content.TrimEnd('\\').Length;
            if (backslashes % 2 == 1)
            {
                builder.Append(content[..^1]);
                continuing = true;
                continue;
            }
            builder.Append(content);
            logical = builder.ToString();
            return true;
        }
        logical = builder.ToString();
        return continuing;
    }

    private static (string Key, string Value) SplitKeyValue(string logical, string sourceName, int line)
    {
        var keyEnd = 0;
        var valueStart = logical.Length;
        var hasSeparator = false;
        var escaped = false;
        for (; keyEnd < logical.Length; keyEnd++)
        {
            var c = logical[keyEnd];
            if (!escaped && c is '=' or ':')
            {
                valueStart = keyEnd + 1;
                hasSeparator = true;
                break;
            }
            if (!escaped && c is ' ' or '\t' or '\f')
            {
                valueStart = keyEnd + 1;
                break;
            }
            escaped = c == '\\' && !escaped;
        }
        for (; valueStart < logical.Length; valueStart++)
        {
            var c = logical[valueStart];
            if (c is ' ' or '\t' or '\f')
                continue;
            if (!hasSeparator && c is '=' or ':')
            {
                hasSeparator = true;
                continue;
            }
            break;
        }
        return (Unescape(logical.AsSpan(0, keyEnd), sourceName, line), Unescape(logical.AsSpan(valueStart), sourceName, line));
    }

    private static string Unescape(ReadOnlySpan<char> text, string sourceName, int line)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                if (c != '\\')
                    builder.Append(c);
                continue;
            }
            var e = text[++i];
            if (e == 'u')
            {
                if (i + 5 > text.Length || !int.TryParse(text.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    throw new HoconParseException(sourceName, line, 1, "malformed \\uxxxx escape in properties text");
                builder.Append((char)code);
                i += 4;
                continue;
            }
            builder.Append(e switch { 't' => '\t', 'r' => '\r', 'n' => '\n', 'f' => '\f', _ => e });
        }
        return builder.ToString();
    }

    private static void Insert(Node root, string[] path, string value, int line)
    {
        var node = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            node.Children ??= new(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(path[i], out var child))
            {
                child = new Node { Line = line };
                node.Children.Add(path[i], child);
            }
            // A key that is also a parent becomes an object: the object wins over the string.
            child.Value = null;
            child.Children ??= new(StringComparer.Ordinal);
            node = child;
        }
        node.Children ??= new(StringComparer.Ordinal);
        var leafKey = path[^1];
        if (node.Children.TryGetValue(leafKey, out var existing) && existing.Children is not null)
            return;
        node.Children[leafKey] = new Node { Value = value, Line = line };
    }

    private static HoconValue ToObject(Node node, string sourceName)
    {
        var origin = new HoconOrigin(sourceName, node.Line, node.Line > 0 ? 1 : 0);
        if (node.Children is null)
            return new HoconString(node.Value ?? "", origin);
        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (key, child) in node.Children)
            fields[key] = ToObject(child, sourceName);
        return HoconObject.Own(fields, origin);
    }
}
