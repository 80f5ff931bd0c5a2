using System.Globalization;
using System.Text.Json;

namespace ZabActors.Hocon.Parsing;

/// <summary>
/// Reads <c>.json</c> files strictly, with System.Text.Json, into resolved values. Duplicate keys follow
/// the HOCON rule (objects merge, anything else is replaced); integers stay integers.
/// </summary>
internal static class JsonReader
{
    private const int MaxDepth = 200;

    public static HoconObject Read(string text, string sourceName)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new HoconParseException(sourceName, 1, 1, $"the root of a configuration must be an object, found {root.ValueKind.ToString().ToLowerInvariant()}");
            return (HoconObject)Convert(root, new HoconOrigin(sourceName, 0, 0));
        }
        catch (JsonException e)
        {
            var line = (int)Math.Min(int.MaxValue - 1, e.LineNumber ?? 0) + 1;
            var column = (int)Math.Min(int.MaxValue - 1, e.BytePositionInLine ?? 0) + 1;
            throw new HoconParseException(sourceName, line, column, CleanMessage(e.Message));
        }
    }

    private static HoconValue Convert(JsonElement element, HoconOrigin origin)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var value = Convert(property.Value, origin);
                    fields[property.Name] = value is HoconObject newer && fields.TryGetValue(property.Name, out var older) && older is HoconObject olderObject
                        ? HoconObject.Merge(newer, olderObject)
                        : value;
                }
                return HoconObject.Own(fields, origin);
            case JsonValueKind.Array:
                return HoconArray.Own([.. element.EnumerateArray().Select(e => Convert(e, origin))], origin);
            case JsonValueKind.String:
                return new HoconString(element.GetString() ?? "", origin);
            case JsonValueKind.Number:
                return ConvertNumber(element.GetRawText(), origin);
            case JsonValueKind.True:
                return new HoconBoolean(true, origin);
            case JsonValueKind.False:
                return new HoconBoolean(false, origin);
            default:
                return new HoconNull(origin);
        }
    }

    private static HoconNumber ConvertNumber(string text, HoconOrigin origin)
    {
        var isDouble = text.AsSpan().IndexOfAny('.', 'e', 'E') >= 0;
        if (!isDouble && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return new HoconNumber(l, text, origin);
        var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(d))
            throw new HoconParseException(origin.Source, 1, 1, $"number {text} is out of range for a double");
        return new HoconNumber(d, text, origin);
    }

    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.');
    }
}
