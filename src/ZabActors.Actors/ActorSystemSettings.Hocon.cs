using ZabActors.Hocon;

namespace ZabActors.Actors;

/// <summary>Reading <see cref="ActorSystemSettings"/> from HOCON, with the embedded <c>actor.conf</c> underneath.</summary>
public sealed partial record ActorSystemSettings
{
    public const string DefaultsResourceName = "ZabActors.Actors.actor.conf";

    private static readonly Lazy<Config> Defaults = new(() => ConfigurationFactory.FromResource(DefaultsResourceName, typeof(ActorSystemSettings).Assembly));

    /// <summary>The embedded defaults (<c>actor.conf</c>), for layering under a node's configuration.</summary>
    public static Config DefaultConfig => Defaults.Value;

    /// <summary>The whole configuration the system was built with (defaults included), for other modules to read their sections.</summary>
    public Config Config { get; init; } = Config.Empty;

    /// <summary>
    /// Parses the <c>zab</c> runtime keys; keys <paramref name="config"/> lacks come from
    /// <see cref="DefaultConfig"/>. Throws <see cref="ConfigException"/> naming the key for a missing,
    /// mistyped or out-of-range value.
    /// </summary>
    public static ActorSystemSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var merged = config.WithFallback(DefaultConfig);
        int defaultThroughput = merged.GetInt(Dispatchers.DefaultDispatcherId + ".throughput");
        var settings = new ActorSystemSettings
        {
            Config = merged,
            DefaultThroughput = defaultThroughput,
            DeterministicThroughput = merged.GetInt("zab.actor.deterministic-dispatcher.throughput"),
            AskTimeout = merged.GetTimeSpan("zab.actor.ask-timeout"),
            StashCapacity = merged.GetInt("zab.actor.stash-capacity"),
            LogDeadLetters = merged.GetInt("zab.log-dead-letters"),
            LogDeadLettersSuspendDuration = merged.GetTimeSpan("zab.log-dead-letters-suspend-duration"),
            LogDeadLettersDuringShutdown = merged.GetBoolean("zab.log-dead-letters-during-shutdown"),
            DispatcherLookup = id => merged.HasPath(id)
                ? new DispatcherSettings(id, merged.GetString(id + ".type", DispatcherSettings.ThreadPoolType), merged.GetInt(id + ".throughput", defaultThroughput))
                : null,
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(e.Message, e);
        }
        return settings;
    }
}
