using System.Collections.Concurrent;

namespace ZabActors.Remote.Tests.Support;

/// <summary>Records the lifecycle events of one node and lets tests wait for one that matches.</summary>
public sealed class EventLog
{
    private readonly ConcurrentQueue<RemotingLifecycleEvent> _events = new();
    private readonly Waiting _waiting = new();

    public void Add(RemotingLifecycleEvent evt)
    {
        _events.Enqueue(evt);
        _waiting.Changed();
    }

    public IReadOnlyList<RemotingLifecycleEvent> All => _events.ToArray();

    public IReadOnlyList<T> OfType<T>() => _events.OfType<T>().ToArray();

    public async Task<T> WaitFor<T>(Func<T, bool>? predicate = null) where T : RemotingLifecycleEvent
    {
        predicate ??= _ => true;
        await _waiting.Until(() => _events.OfType<T>().Any(predicate), $"a {typeof(T).Name} event (have: {Describe()})");
        return _events.OfType<T>().First(predicate);
    }

    public string Describe() => string.Join("; ", _events.Select(e => e.ToString()));
}
