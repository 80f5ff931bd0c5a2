using ZabActors.Hocon;
using AkkaConfiguration = Akka.Configuration.Config;
using AkkaConfigurationFactory = Akka.Configuration.ConfigurationFactory;
using HoconConfig = ZabActors.Hocon.Config;

namespace ZabActors.Hosting;

/// <summary>
/// Hands configuration read by ZabActors.Hocon to Akka.NET. Node files are read with our own loader,
/// because Akka 1.5's built-in parser empties `a = 1` followed by `a = ${?UNSET}`, rejects `${HOME}`
/// and overflows its stack on `p = ${p} [2]`; Akka then receives the fully resolved tree as JSON, which
/// leaves its parser nothing to substitute or merge. Akka's own reference configuration stays the
/// fallback underneath, as ActorSystem.Create layers it.
/// </summary>
public static class AkkaConfig
{
    /// <summary>The resolved configuration as Akka sees it, over Akka's reference configuration.</summary>
    public static AkkaConfiguration From(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        // JSON is HOCON with nothing left to resolve: every value arrives as our resolver decided it.
        var resolved = AkkaConfigurationFactory.ParseString(config.ToJson(indented: false));
        return resolved.WithFallback(AkkaConfigurationFactory.Default());
    }

    /// <summary>
    /// Reads a node file (HOCON, JSON or properties, with includes and environment substitution) over
    /// <paramref name="reference"/> and returns both views: ours for the peer's settings, Akka's for the
    /// ActorSystem. Configuration errors surface as <see cref="ConfigException"/> with file and line.
    /// </summary>
    public static (HoconConfig Zab, AkkaConfiguration Akka) LoadFile(string path, HoconConfig? reference = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var config = ConfigurationFactory.ParseFile(path, new HoconParseOptions { Fallback = reference });
        return (config, From(config));
    }
}
