using System.Collections.Concurrent;
using ZabActors.Actors;

namespace ZabActors.Remote;

/// <summary>
/// Remembers what wire paths resolved to, because every inbound message names a recipient and usually a
/// sender, and parsing and walking a path per message would dominate the read loop. A cached local ref
/// that has died is resolved again (a new incarnation may hold the name); refs that name nothing and
/// one-shot <c>/temp</c> refs are not kept. Bounded: once full it is emptied and refills with what is in use.
/// </summary>
internal sealed class ActorRefResolveCache(int capacity)
{
    private readonly ConcurrentDictionary<string, IActorRef> _entries = new(StringComparer.Ordinal);

    public IActorRef GetOrResolve(string path, Func<string, IActorRef> resolve)
    {
        if (_entries.TryGetValue(path, out var cached) && !IsDead(cached))
            return cached;
        var resolved = resolve(path);
        if (IsCacheable(resolved))
        {
            if (_entries.Count >= capacity)
                _entries.Clear();
            _entries[path] = resolved;
        }
        else if (cached is not null)
        {
            _entries.TryRemove(path, out _);
        }
        return resolved;
    }

    private static bool IsDead(IActorRef actorRef) => actorRef is IInternalActorRef { IsLocal: true, IsTerminated: true };

    private static bool IsCacheable(IActorRef actorRef)
    {
        if (actorRef is RemoteActorRef)
            return true;
        if (IsDead(actorRef) || actorRef is not IInternalActorRef)
            return false;
        var path = actorRef.Path;
        return !(path.Depth == 2 && path.Parent.Name == "temp");
    }
}
