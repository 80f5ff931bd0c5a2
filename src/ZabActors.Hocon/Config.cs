using System.Security;
using ZabActors.Hocon.Resolution;

namespace ZabActors.Hocon;

/// <summary>
/// A resolved configuration: an immutable root object with typed getters by path. It also keeps the
/// unresolved form of what it was parsed from, so that <see cref="WithFallback"/> can layer another
/// configuration underneath and resolve again: substitutions then see the fallback's settings, as the
/// specification asks of an application configuration layered over its reference configuration.
/// </summary>
public sealed partial class Config
{
    // Newest first. Raw layers keep their substitutions; fallbacks are kept resolved, because a
    // reference configuration is resolved on its own before anything is layered over it.
    private readonly IReadOnlyList<Layer> _layers;
    private readonly Func<string, string?> _environment;

    internal Config(IReadOnlyList<Layer> layers, Func<string, string?> environment)
    {
        _layers = layers;
        _environment = environment;
        Root = Resolver.Resolve(layers, environment);
    }

    private Config(HoconObject root, Func<string, string?> environment)
    {
        _layers = [Layer.Of(root)];
        _environment = environment;
        Root = root;
    }

    // Declared before Empty: static initializers run in textual order.
    internal static Func<string, string?> ProcessEnvironment { get; } = ReadProcessEnvironment;

    public static Config Empty { get; } = new(HoconObject.Empty, ProcessEnvironment);

    /// <summary>The resolved root object.</summary>
    public HoconObject Root { get; }

    public bool IsEmpty => Root.Count == 0;

    /// <summary>The top-level keys, in definition order.</summary>
    public IEnumerable<string> Keys => Root.Keys;

    /// <summary>Wraps a resolved object as a configuration.</summary>
    public static Config FromObject(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new Config(root, ProcessEnvironment);
    }

    /// <summary>
    /// This configuration with <paramref name="fallback"/> underneath: settings missing here come from the
    /// fallback, objects present in both merge, and this configuration's substitutions are resolved again
    /// over the combination. Throws <see cref="ConfigException"/> if they no longer resolve.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.IsEmpty || ReferenceEquals(fallback, this))
            return this;
        if (IsEmpty && _layers.All(layer => layer.Raw is null))
            return fallback;
        return new Config([.. _layers, Layer.Of(fallback.Root)], _environment);
    }

    /// <summary>The top-level keys with their values.</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> AsEnumerable() => Root;

    /// <summary>
    /// Every setting that is not an object, with its full path (elements quoted where needed), in
    /// definition order. Arrays and nulls are settings in their own right.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, HoconValue>> Entries()
    {
        var entries = new List<KeyValuePair<string, HoconValue>>();
        var path = new List<string>();
        Flatten(Root, path, entries);
        return entries;
    }

    /// <summary>The resolved configuration as JSON, indented by default.</summary>
    public string ToJson(bool indented = true) => Root.ToJson(indented);

    public override string ToString() => ToJson();

    private static void Flatten(HoconObject obj, List<string> path, List<KeyValuePair<string, HoconValue>> entries)
    {
        foreach (var (key, value) in obj)
        {
            path.Add(key);
            if (value is HoconObject child)
                Flatten(child, path, entries);
            else
                entries.Add(new(PathText.Render(path), value));
            path.RemoveAt(path.Count - 1);
        }
    }

    private static string? ReadProcessEnvironment(string name)
    {
        try
        {
            return Environment.GetEnvironmentVariable(name);
        }
        catch (SecurityException)
        {
            return null;
        }
    }
}
