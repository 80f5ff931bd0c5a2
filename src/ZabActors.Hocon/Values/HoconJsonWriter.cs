using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ZabActors.Hocon;

/// <summary>
/// Renders resolved values as JSON. Written by hand rather than with Utf8JsonWriter so that any string a
/// configuration can hold, lone surrogates included, renders as valid JSON text instead of throwing.
/// </summary>
internal static class HoconJsonWriter
{
    private const int IndentSize = 2;

    public static string Write(HoconValue value, bool indented)
    {
        var builder = new StringBuilder();
        WriteValue(builder, value, indented, 0);
        return builder.ToString();
    }

    private static void WriteValue(StringBuilder builder, HoconValue value, bool indented, int depth)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ConfigException("The value is nested too deeply to render as JSON.");
        switch (value)
        {
            case HoconObject obj:
                WriteObject(builder, obj, indented, depth);
                break;
            case HoconArray array:
                WriteArray(builder, array, indented, depth);
                break;
            case HoconString s:
                WriteString(builder, s.Value);
                break;
            case HoconNumber n:
                builder.Append(n.IsInteger && n.TryGetLong(out var l) ? l.ToString(CultureInfo.InvariantCulture) : HoconNumber.FormatDouble(n.DoubleValue));
                break;
            case HoconBoolean b:
                builder.Append(b.Value ? "true" : "false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, HoconObject obj, bool indented, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }
        builder.Append('{');
        var first = true;
        foreach (var (key, value) in obj)
        {
            if (!first)
                builder.Append(',');
            first = false;
            NewLine(builder, indented, depth + 1);
            WriteString(builder, key);
            builder.Append(indented ? ": " : ":");
            WriteValue(builder, value, indented, depth + 1);
        }
        NewLine(builder, indented, depth);
        builder.Append('}');
    }

    private static void WriteArray(StringBuilder builder, HoconArray array, bool indented, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }
        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
                builder.Append(',');
            NewLine(builder, indented, depth + 1);
            WriteValue(builder, array[i], indented, depth + 1);
        }
        NewLine(builder, indented, depth);
        builder.Append(']');
    }

    private static void NewLine(StringBuilder builder, bool indented, int depth)
    {
        if (!indented)
            return;
        builder.Append('\n');
        builder.Append(' ', depth * IndentSize);
    }

    internal static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || IsLoneSurrogate(text, i))
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }

    private static bool IsLoneSurrogate(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        if (char.IsLowSurrogate(c))
            return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        return false;
    }
}
