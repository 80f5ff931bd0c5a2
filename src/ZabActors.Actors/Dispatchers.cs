using System.Collections.Concurrent;

namespace ZabActors.Actors;

/// <summary>
/// The dispatchers of one system, looked up by id (a configuration path). Under a deterministic
/// runtime every id, once validated against the configuration, maps to the runtime's dispatcher.
/// </summary>
public sealed class Dispatchers
{
    public const string DefaultDispatcherId = "zab.actor.default-dispatcher";
    public const string PinnedDispatcherId = "zab.actor.pinned-dispatcher";

    private readonly ConcurrentDictionary<string, MessageDispatcher> _dispatchers = new(StringComparer.Ordinal);
    private readonly ActorSystemSettings _settings;
    private readonly DeterministicDispatcher? _deterministic;

    internal Dispatchers(ActorSystemSettings settings, DeterministicRuntime? runtime)
    {
        _settings = settings;
        if (runtime is not null) _deterministic = new DeterministicDispatcher("zab.actor.deterministic-dispatcher", settings.DeterministicThroughput, runtime);
        DefaultDispatcher = Lookup(DefaultDispatcherId);
    }

    public MessageDispatcher DefaultDispatcher { get; }

    public bool HasDispatcher(string id) => _dispatchers.ContainsKey(id) || _settings.DispatcherLookup(id) is not null;

    /// <summary>The dispatcher configured at <paramref name="id"/>; throws with the id when it is missing or malformed.</summary>
    public MessageDispatcher Lookup(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (_dispatchers.TryGetValue(id, out var existing)) return existing;
        return _dispatchers.GetOrAdd(id, Create(id));
    }

    private MessageDispatcher Create(string id)
    {
        var settings = _settings.DispatcherLookup(id) ?? throw new ArgumentException($"dispatcher '{id}' is not configured");
        if (_deterministic is not null) return _deterministic;
        return settings.Type switch
        {
            DispatcherSettings.ThreadPoolType => new ThreadPoolDispatcher(id, settings.Throughput),
            DispatcherSettings.PinnedType => new PinnedDispatcher(id, settings.Throughput),
            _ => throw new ArgumentException(
                $"dispatcher '{id}' has unknown type '{settings.Type}' (expected {DispatcherSettings.ThreadPoolType} or {DispatcherSettings.PinnedType})"),
        };
    }
}
