using System.Reflection;
using ZabActors.Hocon;

namespace ZabActors.Persistence;

/// <summary>
/// The defaults file a storage plugin assembly embeds (<c>sqlite.conf</c>, <c>postgresql.conf</c>), read
/// once on first use, with its journal and snapshot-store blocks; and the check its settings records use
/// to reject a bad value.
/// </summary>
public sealed class PluginDefaults(string resourceName, Assembly assembly, string journalPath, string snapshotStorePath)
{
    private readonly Lazy<Config> defaults = new(() => ConfigurationFactory.FromResource(resourceName, assembly));

    /// <summary>The whole file, for layering under a node's configuration.</summary>
    public Config Config => defaults.Value;

    /// <summary>The journal plugin's block.</summary>
    public Config Journal => Config.GetConfig(journalPath);

    /// <summary>The snapshot store plugin's block.</summary>
    public Config SnapshotStore => Config.GetConfig(snapshotStorePath);

    /// <summary>Throws <see cref="ConfigException"/> with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string message)
    {
        if (!condition)
            throw new ConfigException(message);
    }
}
