using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Hocon;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Snapshot;

namespace ZabActors.Persistence;

/// <summary>
/// Creates the journal and snapshot store a node's configuration chooses, the Akka way: the
/// <c>plugin</c> key names a config block, whose <c>class</c> key names the plugin type. The
/// type gets its block through a <c>(Config, ILoggerFactory)</c> or <c>(Config)</c> constructor.
/// </summary>
public static class PersistencePlugins
{
    public const string JournalPluginKey = "zab.persistence.journal.plugin";
    public const string SnapshotStorePluginKey = "zab.persistence.snapshot-store.plugin";
    public const string DefaultsResourceName = "ZabActors.Persistence.persistence.conf";

    private static readonly Lazy<Config> Defaults =
        new(() => ConfigurationFactory.FromResource(DefaultsResourceName, typeof(PersistencePlugins).Assembly));

    /// <summary>The embedded defaults (<c>persistence.conf</c>), for layering under a node's configuration.</summary>
    public static Config DefaultConfig => Defaults.Value;

    /// <summary>Opens the journal named by <c>zab.persistence.journal.plugin</c>.</summary>
    public static IAsyncWriteJournal CreateJournal(Config config, ILoggerFactory? loggerFactory = null) =>
        Create<IAsyncWriteJournal>(config, JournalPluginKey, "journal", loggerFactory);

    /// <summary>Opens the snapshot store named by <c>zab.persistence.snapshot-store.plugin</c>.</summary>
    public static ISnapshotStore CreateSnapshotStore(Config config, ILoggerFactory? loggerFactory = null) =>
        Create<ISnapshotStore>(config, SnapshotStorePluginKey, "snapshot store", loggerFactory);

    private static T Create<T>(Config config, string pluginKey, string kind, ILoggerFactory? loggerFactory) where T : class
    {
        ArgumentNullException.ThrowIfNull(config);
        var merged = config.WithFallback(DefaultConfig);
        var path = merged.GetString(pluginKey);
        if (string.IsNullOrWhiteSpace(path))
            throw new ConfigException($"{pluginKey} is empty; it must name the config block of the {kind} plugin");
        if (!merged.HasPath(path))
            throw new ConfigException($"{pluginKey} = \"{path}\", but there is no {kind} plugin block at {path}");
        var block = merged.GetConfig(path);
        var type = ResolveType<T>(block, path, kind);
        return Instantiate<T>(type, block, path, kind, loggerFactory ?? NullLoggerFactory.Instance);
    }

    private static Type ResolveType<T>(Config block, string path, string kind)
    {
        var className = block.GetString("class", "");
        if (string.IsNullOrWhiteSpace(className))
            throw new ConfigException($"{path}.class is missing; it must name the {kind} plugin type (\"Namespace.Type, Assembly\")");
        Type? type;
        try
        {
            type = Type.GetType(className, throwOnError: false);
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException or ArgumentException)
        {
            throw new ConfigException($"{path}.class = \"{className}\" cannot be loaded: {e.Message}", e);
        }
        if (type is null)
            throw new ConfigException($"{path}.class = \"{className}\" was not found (is its assembly referenced by the application?)");
        if (!typeof(T).IsAssignableFrom(type))
            throw new ConfigException($"{path}.class = \"{className}\" does not implement {typeof(T).Name}");
        return type;
    }

    private static T Instantiate<T>(Type type, Config block, string path, string kind, ILoggerFactory loggerFactory)
    {
        var withLogging = type.GetConstructor([typeof(Config), typeof(ILoggerFactory)]);
        var plain = withLogging is null ? type.GetConstructor([typeof(Config)]) : null;
        if (withLogging is null && plain is null)
            throw new ConfigException($"{path}.class = \"{type.FullName}\" has no public constructor taking (Config, ILoggerFactory) or (Config)");
        try
        {
            return (T)(withLogging is not null ? withLogging.Invoke([block, loggerFactory]) : plain!.Invoke([block]));
        }
        catch (TargetInvocationException e) when (e.InnerException is ConfigException or ArgumentException)
        {
            throw new ConfigException($"{kind} plugin {path}: {e.InnerException.Message}", e.InnerException);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
