namespace ZabActors.Actors;

/// <summary>
/// The runtime's settings, parsed once from the <c>zab</c> section of the configuration
/// (see actor.conf for each key and its default). <see cref="Default"/> equals actor.conf.
/// </summary>
public sealed partial record ActorSystemSettings
{
    public static readonly ActorSystemSettings Default = new();

    /// <summary><c>zab.actor.default-dispatcher.throughput</c>: messages per mailbox turn on the thread pool.</summary>
    public int DefaultThroughput { get; init; } = 100;

    /// <summary><c>zab.actor.deterministic-dispatcher.throughput</c>: messages per step under a deterministic runtime.</summary>
    public int DeterministicThroughput { get; init; } = 1;

    /// <summary><c>zab.actor.ask-timeout</c>: used by Ask when no timeout is given.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>zab.actor.stash-capacity</c>: most messages one actor may stash.</summary>
    public int StashCapacity { get; init; } = 10_000;

    /// <summary><c>zab.log-dead-letters</c>: dead letters logged before logging pauses; 0 turns it off.</summary>
    public int LogDeadLetters { get; init; } = 10;

    /// <summary><c>zab.log-dead-letters-suspend-duration</c>: how long dead-letter logging pauses after the limit.</summary>
    public TimeSpan LogDeadLettersSuspendDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>zab.log-dead-letters-during-shutdown</c>.</summary>
    public bool LogDeadLettersDuringShutdown { get; init; }

    /// <summary>Finds a dispatcher's settings by id (its configuration path); null when not configured.</summary>
    public Func<string, DispatcherSettings?> DispatcherLookup { get; init; } = BuiltInDispatcher;

    internal void Validate()
    {
        Require(DefaultThroughput >= 1, "zab.actor.default-dispatcher.throughput must be at least 1");
        Require(DeterministicThroughput >= 1, "zab.actor.deterministic-dispatcher.throughput must be at least 1");
        Require(AskTimeout > TimeSpan.Zero, "zab.actor.ask-timeout must be positive");
        Require(StashCapacity >= 1, "zab.actor.stash-capacity must be at least 1");
        Require(LogDeadLetters >= 0, "zab.log-dead-letters must not be negative");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException($"invalid actor system settings: {message}");
    }

    private static DispatcherSettings? BuiltInDispatcher(string id) => id switch
    {
        Dispatchers.DefaultDispatcherId => new DispatcherSettings(id, DispatcherSettings.ThreadPoolType, Default.DefaultThroughput),
        Dispatchers.PinnedDispatcherId => new DispatcherSettings(id, DispatcherSettings.PinnedType, Default.DefaultThroughput),
        _ => null,
    };
}

/// <summary>One dispatcher's configuration: <c>type</c> (Dispatcher or PinnedDispatcher) and <c>throughput</c>.</summary>
public sealed record DispatcherSettings(string Id, string Type, int Throughput)
{
    public const string ThreadPoolType = "Dispatcher";
    public const string PinnedType = "PinnedDispatcher";
}
