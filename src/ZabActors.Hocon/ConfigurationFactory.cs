using System.Reflection;
using ZabActors.Hocon.Parsing;
using ZabActors.Hocon.Raw;
using ZabActors.Hocon.Resolution;

namespace ZabActors.Hocon;

/// <summary>
/// Entry points that turn text, files and embedded resources into resolved <see cref="Config"/> objects.
/// Everything is parsed and resolved before the call returns, so every error (syntax, include,
/// unresolved substitution) surfaces here as a <see cref="ConfigException"/>.
/// </summary>
public static class ConfigurationFactory
{
    private const string TextSourceName = "<string>";

    public static Config Empty => Config.Empty;

    public static Config ParseString(string text) => ParseString(text, HoconParseOptions.Default);

    public static Config ParseString(string text, HoconParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.IncludeDirectory ?? Directory.GetCurrentDirectory();
        var source = new HoconSource(options.SourceName ?? TextSourceName, directory);
        return Build(text, source, options.Syntax ?? HoconSyntax.Conf, options, fullPath: null);
    }

    public static Config ParseFile(string path) => ParseFile(path, HoconParseOptions.Default);

    public static Config ParseFile(string path, HoconParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ConfigException($"Invalid configuration file path '{path}': {e.Message}", e);
        }
        if (!File.Exists(fullPath))
            throw new ConfigException($"Configuration file not found: {path}");
        var text = DocumentReader.ReadText(fullPath, path);
        var source = new HoconSource(options.SourceName ?? path, Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory());
        var syntax = options.Syntax ?? HoconSyntaxes.FromExtension(fullPath) ?? HoconSyntax.Conf;
        return Build(text, source, syntax, options, fullPath);
    }

    /// <summary>Parses a manifest resource of an assembly, such as a module's embedded reference configuration.</summary>
    public static Config FromResource(string resourceName, Assembly assembly) => FromResource(resourceName, assembly, HoconParseOptions.Default);

    public static Config FromResource(string resourceName, Assembly assembly, HoconParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(options);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new ConfigException(
                $"Assembly {assembly.GetName().Name} has no resource '{resourceName}' (it has: {string.Join(", ", assembly.GetManifestResourceNames())})");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var text = DocumentReader.DecodeUtf8(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), resourceName);
        return ParseString(text, options with { SourceName = options.SourceName ?? resourceName });
    }

    public static Config FromResource<TAssemblyMarker>(string resourceName) => FromResource(resourceName, typeof(TAssemblyMarker).Assembly);

    private static Config Build(string text, HoconSource source, HoconSyntax syntax, HoconParseOptions options, string? fullPath)
    {
        var raw = DocumentReader.ParseRaw(text, source, syntax, new ParseSession(), [], fullPath);
        var layers = new List<Layer> { Layer.Of(raw) };
        if (options.Fallback is { IsEmpty: false } fallback)
            layers.Add(Layer.Of(fallback.Root));
        return new Config(layers, options.EnvironmentVariables ?? Config.ProcessEnvironment);
    }
}
