namespace ZabActors.Actors;

/// <summary>
/// The system's publish/subscribe bus (dead letters, unhandled messages, anything an actor publishes).
/// A subscriber registered for a type receives every event assignable to it, once, in subscription
/// order. Publishing is lock-free over an immutable snapshot; terminated local subscribers are removed
/// when next seen.
/// </summary>
public sealed class EventStream
{
    private readonly object _lock = new();
    private Subscription[] _subscriptions = [];
    private Dictionary<Type, IActorRef[]> _cache = new();

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            foreach (var s in _subscriptions)
            {
                if (s.Subscriber.Equals(subscriber) && s.Channel == channel) return false;
            }
            Replace([.. _subscriptions, new Subscription(subscriber, channel)]);
            return true;
        }
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel) =>
        RemoveWhere(s => s.Subscriber.Equals(subscriber) && s.Channel == channel);

    public bool Unsubscribe(IActorRef subscriber) => RemoveWhere(s => s.Subscriber.Equals(subscriber));

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        bool sawDead = false;
        foreach (var subscriber in SubscribersFor(@event.GetType()))
        {
            if (subscriber is IInternalActorRef { IsLocal: true, IsTerminated: true })
            {
                sawDead = true;
                continue;
            }
            subscriber.Tell(@event, ActorRefs.NoSender);
        }
        if (sawDead) RemoveWhere(s => s.Subscriber is IInternalActorRef { IsLocal: true, IsTerminated: true });
    }

    private IActorRef[] SubscribersFor(Type type)
    {
        var cache = Volatile.Read(ref _cache);
        if (cache.TryGetValue(type, out var cached)) return cached;
        lock (_lock)
        {
            if (_cache.TryGetValue(type, out cached)) return cached;
            var result = new List<IActorRef>();
            foreach (var s in _subscriptions)
            {
                if (s.Channel.IsAssignableFrom(type) && !result.Contains(s.Subscriber)) result.Add(s.Subscriber);
            }
            cached = result.ToArray();
            Volatile.Write(ref _cache, new Dictionary<Type, IActorRef[]>(_cache) { [type] = cached });
            return cached;
        }
    }

    private bool RemoveWhere(Func<Subscription, bool> match)
    {
        lock (_lock)
        {
            var kept = _subscriptions.Where(s => !match(s)).ToArray();
            if (kept.Length == _subscriptions.Length) return false;
            Replace(kept);
            return true;
        }
    }

    private void Replace(Subscription[] subscriptions)
    {
        _subscriptions = subscriptions;
        Volatile.Write(ref _cache, new Dictionary<Type, IActorRef[]>());
    }

    /// <summary>One subscriber registered for one channel (a type and everything assignable to it).</summary>
    private sealed record Subscription(IActorRef Subscriber, Type Channel);
}
