using System.Globalization;

namespace ZabActors.Hocon;

/// <summary>List getters: the setting must be an array, and each element converts as the single-value getter would.</summary>
public sealed partial class Config
{
    public IReadOnlyList<string> GetStringList(string path) => GetList(path, "list of strings", ValueConversions.ToText);

    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> @default) => GetList(path, "list of strings", ValueConversions.ToText, @default);

    public IReadOnlyList<int> GetIntList(string path) => GetList(path, "list of ints", ValueConversions.ToInt);

    public IReadOnlyList<int> GetIntList(string path, IReadOnlyList<int> @default) => GetList(path, "list of ints", ValueConversions.ToInt, @default);

    public IReadOnlyList<long> GetLongList(string path) => GetList(path, "list of longs", ValueConversions.ToLong);

    public IReadOnlyList<double> GetDoubleList(string path) => GetList(path, "list of numbers", ValueConversions.ToDouble);

    public IReadOnlyList<bool> GetBooleanList(string path) => GetList(path, "list of booleans", ValueConversions.ToBoolean);

    public IReadOnlyList<TimeSpan> GetTimeSpanList(string path) => GetList(path, "list of durations", ValueConversions.ToTimeSpan);

    public IReadOnlyList<long> GetByteSizeList(string path) => GetList(path, "list of sizes in bytes", ValueConversions.ToByteSize);

    /// <summary>An array of objects, each as a configuration of its own.</summary>
    public IReadOnlyList<Config> GetConfigList(string path) => GetList(path, "list of objects", ToConfig);

    public IReadOnlyList<HoconObject> GetObjectList(string path) =>
        GetList(path, "list of objects", (p, v) => v as HoconObject ?? throw ValueConversions.WrongType(p, "object", v));

    private IReadOnlyList<T> GetList<T>(string path, string expected, Func<string, HoconValue, T> convert, IReadOnlyList<T>? @default = null)
    {
        var value = @default is null ? Require(path, expected) : Optional(path);
        if (value is null)
            return @default!;
        if (value is not HoconArray array)
            throw ValueConversions.WrongType(path, expected, value);
        var items = new T[array.Count];
        for (var i = 0; i < items.Length; i++)
            items[i] = convert(string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), array[i]);
        return items;
    }
}
