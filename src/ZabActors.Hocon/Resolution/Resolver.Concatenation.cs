using System.Text;
using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Resolution;

/// <summary>
/// Value concatenation once its parts are resolved: all arrays concatenate, all objects merge (later
/// over earlier), anything else joins into a string. Whitespace between arrays or objects is dropped and
/// an undefined optional substitution contributes nothing.
/// </summary>
internal sealed partial class Resolver
{
    private HoconValue Concatenate(RawConcatenation concatenation, Truncations context)
    {
        var parts = concatenation.Parts;
        var values = new HoconValue?[parts.Count];
        HoconValue? firstObject = null, firstArray = null, firstText = null;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is RawWhitespace)
                continue;
            var value = Evaluate(parts[i], context);
            values[i] = value;
            switch (value)
            {
                case HoconObject: firstObject ??= value; break;
                case HoconArray: firstArray ??= value; break;
                case null: break;
                default: firstText ??= value; break;
            }
        }
        if (firstObject is not null && firstArray is not null)
            throw ConcatenationError(concatenation, firstArray, firstObject);
        if ((firstObject ?? firstArray) is { } complex && firstText is not null)
            throw ConcatenationError(concatenation, firstText, complex);
        if (firstArray is not null)
            return HoconArray.Own([.. values.OfType<HoconArray>().SelectMany(a => a)], concatenation.Origin);
        if (firstObject is not null)
            return values.OfType<HoconObject>().Aggregate((older, newer) => HoconObject.Merge(newer, older));
        var text = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
            text.Append(parts[i] is RawWhitespace whitespace ? whitespace.Text : values[i]?.ConcatenationText);
        return new HoconString(text.ToString(), concatenation.Origin);
    }

    private static ConfigException ConcatenationError(RawConcatenation concatenation, HoconValue first, HoconValue second)
    {
        if (concatenation.IsAppend && concatenation.Parts[0] is RawSubstitution self)
        {
            var path = Hocon.PathText.Render(self.Path.AsSpan(self.PrefixLength));
            return new ConfigException($"{concatenation.Origin}: '+=' appends to an array, but '{path}' is {first.Describe()}");
        }
        return new ConfigException($"{concatenation.Origin}: cannot concatenate {first.Describe()} with {(second is HoconArray ? "an array" : "an object")}");
    }
}
