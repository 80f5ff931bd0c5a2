using ZabActors.Hocon;

namespace ZabActors.Hocon.Tests;

/// <summary>Test helpers: parse text with a controlled environment and compare results as compact JSON.</summary>
internal static class Hocon
{
    public static Config Parse(string text, IReadOnlyDictionary<string, string>? environment = null, Config? fallback = null, string? includeDirectory = null) =>
        ConfigurationFactory.ParseString(text, new HoconParseOptions
        {
            EnvironmentVariables = name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            Fallback = fallback,
            IncludeDirectory = includeDirectory,
        });

    /// <summary>The resolved text as compact JSON, keys in definition order.</summary>
    public static string Json(string text, IReadOnlyDictionary<string, string>? environment = null) => Parse(text, environment).ToJson(indented: false);

    public static HoconParseException ParseError(string text) => Assert.Throws<HoconParseException>(() => Parse(text));

    /// <summary>A resolution or getter error: a ConfigException that is not a syntax error.</summary>
    public static ConfigException ResolveError(string text)
    {
        var error = Assert.ThrowsAny<ConfigException>(() => Parse(text));
        Assert.IsNotType<HoconParseException>(error);
        return error;
    }
}
