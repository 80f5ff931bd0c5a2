namespace ZabActors.Hocon;

/// <summary>
/// A fully resolved, immutable configuration value: no substitutions or concatenations remain. Values
/// compare structurally (origins are ignored, an integer never equals a double).
/// </summary>
public abstract class HoconValue : IEquatable<HoconValue>
{
    private protected HoconValue(HoconOrigin? origin)
    {
        Origin = origin;
    }

    /// <summary>Where the value was written, when known.</summary>
    public HoconOrigin? Origin { get; }

    public abstract HoconValueType Type { get; }

    /// <summary>
    /// The text this value contributes to a string value concatenation (numbers as written in the
    /// source); null for objects and arrays, which cannot join a string.
    /// </summary>
    internal abstract string? ConcatenationText { get; }

    public abstract bool Equals(HoconValue? other);

    public sealed override bool Equals(object? obj) => obj is HoconValue other && Equals(other);

    public abstract override int GetHashCode();

    /// <summary>Renders the value as JSON text.</summary>
    public string ToJson(bool indented = false) => HoconJsonWriter.Write(this, indented);

    public override string ToString() => ToJson();

    /// <summary>A short description for error messages, e.g. <c>string "abc"</c> or <c>object</c>.</summary>
    internal string Describe()
    {
        const int maxText = 40;
        return this switch
        {
            HoconString s => s.Value.Length <= maxText ? $"string \"{s.Value}\"" : $"string \"{s.Value[..maxText]}...\"",
            HoconNumber n => $"number {n.Text}",
            HoconBoolean b => b.Value ? "boolean true" : "boolean false",
            HoconNull => "null",
            HoconArray => "array",
            _ => "object",
        };
    }
}
