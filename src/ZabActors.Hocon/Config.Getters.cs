namespace ZabActors.Hocon;

/// <summary>
/// Typed getters. A path is a path expression (<c>a.b."c.d"</c>). Without a default, a missing or null
/// setting is an error; with a default, missing or null gives the default. A setting of the wrong type is
/// always a <see cref="ConfigException"/> naming the path, what was expected and what was found.
/// </summary>
public sealed partial class Config
{
    public bool HasPath(string path) => Find(path) is not (null or HoconNull);

    /// <summary>The value at the path; a missing path is a <see cref="ConfigException"/>, null is returned as <see cref="HoconNull"/>.</summary>
    public HoconValue GetValue(string path) => Find(path) ?? throw ValueConversions.Missing(path, "a value");

    public bool TryGetValue(string path, out HoconValue value)
    {
        value = Find(path) ?? HoconNull.Instance;
        return value is not HoconNull;
    }

    public string GetString(string path) => ValueConversions.ToText(path, Require(path, "string"));

    public string GetString(string path, string @default) => Optional(path) is { } v ? ValueConversions.ToText(path, v) : @default;

    public bool GetBoolean(string path) => ValueConversions.ToBoolean(path, Require(path, "boolean"));

    public bool GetBoolean(string path, bool @default) => Optional(path) is { } v ? ValueConversions.ToBoolean(path, v) : @default;

    public int GetInt(string path) => ValueConversions.ToInt(path, Require(path, "int"));

    public int GetInt(string path, int @default) => Optional(path) is { } v ? ValueConversions.ToInt(path, v) : @default;

    public long GetLong(string path) => ValueConversions.ToLong(path, Require(path, "long"));

    public long GetLong(string path, long @default) => Optional(path) is { } v ? ValueConversions.ToLong(path, v) : @default;

    public double GetDouble(string path) => ValueConversions.ToDouble(path, Require(path, "number"));

    public double GetDouble(string path, double @default) => Optional(path) is { } v ? ValueConversions.ToDouble(path, v) : @default;

    /// <summary>A duration such as <c>200ms</c>, <c>10s</c>, <c>2 minutes</c>; a bare number is milliseconds; <c>infinite</c> is <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan GetTimeSpan(string path) => ValueConversions.ToTimeSpan(path, Require(path, "duration"));

    public TimeSpan GetTimeSpan(string path, TimeSpan @default) => Optional(path) is { } v ? ValueConversions.ToTimeSpan(path, v) : @default;

    /// <summary>A size in bytes such as <c>64MiB</c>, <c>10k</c>, <c>1 GB</c>; a bare number is bytes.</summary>
    public long GetByteSize(string path) => ValueConversions.ToByteSize(path, Require(path, "size in bytes"));

    public long GetByteSize(string path, long @default) => Optional(path) is { } v ? ValueConversions.ToByteSize(path, v) : @default;

    /// <summary>The object at the path as a configuration of its own.</summary>
    public Config GetConfig(string path) => ToConfig(path, Require(path, "object"));

    public Config GetConfig(string path, Config @default) => Optional(path) is { } v ? ToConfig(path, v) : @default;

    private Config ToConfig(string path, HoconValue value) =>
        value is HoconObject obj ? new Config(obj, _environment) : throw ValueConversions.WrongType(path, "object", value);

    /// <summary>
    /// Finds the value at a path: null when some element is missing (or an ancestor is null); a
    /// <see cref="ConfigException"/> when an ancestor is a value that is not an object.
    /// </summary>
    private HoconValue? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var elements = PathText.Parse(path);
        HoconValue current = Root;
        for (var i = 0; i < elements.Length; i++)
        {
            if (current is HoconNull)
                return null;
            if (current is not HoconObject obj)
            {
                var parent = PathText.Render(elements.AsSpan(0, i));
                throw new ConfigException($"Configuration path '{path}': '{parent}' is {current.Describe()}{ValueConversions.At(current)}, not an object");
            }
            if (!obj.TryGetValue(elements[i], out current))
                return null;
        }
        return current;
    }

    private HoconValue Require(string path, string expected)
    {
        var value = Find(path) ?? throw ValueConversions.Missing(path, expected);
        if (value is HoconNull)
            throw new ConfigException($"Configuration path '{path}' is null{ValueConversions.At(value)} (expected {expected})");
        return value;
    }

    private HoconValue? Optional(string path) => Find(path) is { } value and not HoconNull ? value : null;
}
