using System.Text.Json;

namespace ZabActors.Hocon.Tests;

/// <summary>
/// Every .conf and .json file of a conformance folder, parsed and resolved, must equal the folder's
/// original.json as a JSON value. The expectation is read with System.Text.Json, independently of the
/// reader under test; integers must stay integers.
/// </summary>
public class ConformanceTests
{
    [Fact]
    public void The_conformance_data_is_present()
    {
        var root = ConformanceData.FindRoot();
        Assert.True(root is not null, $"shared/conformance/hocon was not found walking up from {AppContext.BaseDirectory}");
        Assert.NotEmpty(Directory.GetDirectories(root!));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void File_resolves_to_the_folders_original_json(string folder, string file)
    {
        Assert.False(folder == ConformanceData.MissingMarker, $"HOCON conformance data missing: {file}");
        var directory = Path.Combine(ConformanceData.FindRoot()!, folder);
        var expectedPath = Path.Combine(directory, "original.json");
        Assert.True(File.Exists(expectedPath), $"{folder} has no original.json");
        using var expected = JsonDocument.Parse(File.ReadAllText(expectedPath));
        var actual = ConformanceFileParse(Path.Combine(directory, file));
        AssertJsonEqual(expected.RootElement, actual.Root, "$");
    }

    public static IEnumerable<object[]> Cases() => ConformanceData.Cases();

    private static Config ConformanceFileParse(string path) =>
        ConfigurationFactory.ParseFile(path, new HoconParseOptions { EnvironmentVariables = _ => null });

    private static void AssertJsonEqual(JsonElement expected, HoconValue actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = Assert.IsType<HoconObject>(actual, exactMatch: false);
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
                Assert.True(expectedKeys.SetEquals(obj.Keys), $"{path}: keys [{string.Join(", ", obj.Keys)}] but expected [{string.Join(", ", expectedKeys)}]");
                foreach (var property in expected.EnumerateObject())
                    AssertJsonEqual(property.Value, obj[property.Name], $"{path}.{property.Name}");
                break;
            case JsonValueKind.Array:
                var array = Assert.IsType<HoconArray>(actual, exactMatch: false);
                var items = expected.EnumerateArray().ToArray();
                Assert.True(items.Length == array.Count, $"{path}: {array.Count} elements but expected {items.Length}");
                for (var i = 0; i < items.Length; i++)
                    AssertJsonEqual(items[i], array[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                var number = Assert.IsType<HoconNumber>(actual, exactMatch: false);
                var raw = expected.GetRawText();
                var expectInteger = raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
                Assert.True(expectInteger == number.IsInteger, $"{path}: expected {(expectInteger ? "an integer" : "a double")} {raw}, found {number.Text}");
                if (expectInteger)
                    Assert.True(number.TryGetLong(out var l) && l == expected.GetInt64(), $"{path}: expected {raw}, found {number.Text}");
                else
                    Assert.True(number.DoubleValue == expected.GetDouble(), $"{path}: expected {raw}, found {number.Text}");
                break;
            case JsonValueKind.String:
                Assert.True(actual is HoconString s && s.Value == expected.GetString(), $"{path}: expected string {expected.GetRawText()}, found {actual.ToJson()}");
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.True(actual is HoconBoolean b && b.Value == expected.GetBoolean(), $"{path}: expected {expected.GetRawText()}, found {actual.ToJson()}");
                break;
            default:
                Assert.True(actual is HoconNull, $"{path}: expected null, found {actual.ToJson()}");
                break;
        }
    }
}
