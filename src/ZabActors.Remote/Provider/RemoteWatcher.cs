using Microsoft.Extensions.Logging;
using ZabActors.Actors;

namespace ZabActors.Remote;

/// <summary>
/// Death watch across nodes (Akka's <c>RemoteWatcher</c>), for one system. It owns two tables: the
/// remote actors local actors watch (so that when a node is declared terminated each of its watchers
/// gets <c>Terminated(existenceConfirmed: false, addressTerminated: true)</c>), and the remote actors
/// that watch local ones (so a dead node's watches are dropped instead of being answered forever).
/// Watch and Unwatch travel to the watchee's node as system messages; the watchee's
/// DeathWatchNotification comes back the same way and is handed to the watcher under the very ref it
/// watched (the notification names the incarnation, which a ref resolved by path may not carry).
/// A lock guards the tables; nothing is sent while it is held.
/// </summary>
internal sealed class RemoteWatcher(ILogger log)
{
    private readonly object _gate = new();
    private readonly Dictionary<ActorPath, List<(RemoteActorRef Watchee, IInternalActorRef Watcher)>> _watching = new();
    private readonly HashSet<(IInternalActorRef Watchee, RemoteActorRef Watcher)> _watchedBy = new();

    /// <summary>Number of (remote watchee, local watcher) pairs, for tests and diagnostics.</summary>
    public int WatchingCount
    {
        get
        {
            lock (_gate)
                return _watching.Values.Sum(l => l.Count);
        }
    }

    /// <summary>Number of (local watchee, remote watcher) pairs.</summary>
    public int WatchedByCount
    {
        get
        {
            lock (_gate)
                return _watchedBy.Count;
        }
    }

    /// <summary>A local actor watches a remote one: remember the pair, then tell the watchee's node.</summary>
    public void Watch(RemoteActorRef watchee, IInternalActorRef watcher)
    {
        if (watcher.IsLocal)
        {
            lock (_gate)
            {
                var pairs = PairsOf(watchee.Path, create: true)!;
                if (!pairs.Contains((watchee, watcher)))
                    pairs.Add((watchee, watcher));
            }
        }
        watchee.SendOverWire(new Watch(watchee, watcher));
    }

    public void Unwatch(RemoteActorRef watchee, IInternalActorRef watcher)
    {
        lock (_gate)
        {
            if (PairsOf(watchee.Path, create: false) is { } pairs)
            {
                pairs.Remove((watchee, watcher));
                if (pairs.Count == 0)
                    _watching.Remove(watchee.Path);
            }
        }
        watchee.SendOverWire(new Unwatch(watchee, watcher));
    }

    /// <summary>A local actor died (or never existed) and tells its remote watcher.</summary>
    public void NotifyRemoteWatcher(DeathWatchNotification notification, RemoteActorRef watcher)
    {
        if (notification.Actor is IInternalActorRef watchee)
        {
            lock (_gate)
                _watchedBy.Remove((watchee, watcher));
        }
        watcher.SendOverWire(notification);
    }

    /// <summary>A system message that came over the wire for a local actor.</summary>
    public void OnInbound(ISystemMessage message, IActorRef recipient)
    {
        switch (message)
        {
            case Watch watch when watch.Watcher is RemoteActorRef remoteWatcher:
                lock (_gate)
                    _watchedBy.Add((watch.Watchee, remoteWatcher));
                watch.Watchee.SendSystemMessage(watch);
                break;
            case Unwatch unwatch when unwatch.Watcher is RemoteActorRef remoteWatcher:
                lock (_gate)
                    _watchedBy.Remove((unwatch.Watchee, remoteWatcher));
                unwatch.Watchee.SendSystemMessage(unwatch);
                break;
            case DeathWatchNotification notification when recipient is IInternalActorRef { IsLocal: true } watcher:
                DeliverDeath(notification, watcher);
                break;
            case Terminate when recipient is IInternalActorRef { IsLocal: true } target:
                target.Stop();
                break;
            default:
                log.LogDebug("Ignoring inbound system message {Message} for {Recipient}", message, recipient);
                break;
        }
    }

    /// <summary>
    /// The node at <paramref name="address"/> is gone: every local watcher of its actors learns that
    /// they are terminated, and its watches of local actors are removed.
    /// </summary>
    public void OnAddressTerminated(RemoteAddress address)
    {
        var dead = new List<(RemoteActorRef Watchee, IInternalActorRef Watcher)>();
        var orphaned = new List<(IInternalActorRef Watchee, RemoteActorRef Watcher)>();
        lock (_gate)
        {
            foreach (var (path, pairs) in _watching.Where(e => e.Value.Count > 0 && e.Value[0].Watchee.RemoteAddress.Equals(address)).ToList())
            {
                dead.AddRange(pairs);
                _watching.Remove(path);
            }
            orphaned.AddRange(_watchedBy.Where(p => p.Watcher.RemoteAddress.Equals(address)));
            foreach (var pair in orphaned)
                _watchedBy.Remove(pair);
        }
        foreach (var (watchee, watcher) in dead)
            watcher.SendSystemMessage(new DeathWatchNotification(watchee, ExistenceConfirmed: false, AddressTerminated: true));
        foreach (var (watchee, watcher) in orphaned)
            watchee.SendSystemMessage(new Unwatch(watchee, watcher));
        if (dead.Count > 0 || orphaned.Count > 0)
            RemoteLog.WatchesTerminated(log, address, dead.Count, orphaned.Count);
    }

    /// <summary>
    /// Hands the watchee's notification to the watcher under the ref the watcher holds: a ref resolved by
    /// path has no uid, while the notification names the incarnation that died.
    /// </summary>
    private void DeliverDeath(DeathWatchNotification notification, IInternalActorRef watcher)
    {
        var actor = notification.Actor;
        var matched = new List<RemoteActorRef>(1);
        lock (_gate)
        {
            if (PairsOf(actor.Path, create: false) is { } pairs)
            {
                for (var i = pairs.Count - 1; i >= 0; i--)
                {
                    var (watchee, w) = pairs[i];
                    if (!w.Equals(watcher) || (watchee.Path.Uid != 0 && watchee.Path.Uid != actor.Path.Uid))
                        continue;
                    matched.Add(watchee);
                    pairs.RemoveAt(i);
                }
                if (pairs.Count == 0)
                    _watching.Remove(actor.Path);
            }
        }
        if (matched.Count == 0)
        {
            watcher.SendSystemMessage(notification);
            return;
        }
        foreach (var watchee in matched)
            watcher.SendSystemMessage(notification with { Actor = watchee });
    }

    private List<(RemoteActorRef Watchee, IInternalActorRef Watcher)>? PairsOf(ActorPath path, bool create)
    {
        if (_watching.TryGetValue(path, out var pairs) || !create)
            return pairs;
        pairs = new List<(RemoteActorRef, IInternalActorRef)>(1);
        _watching[path] = pairs;
        return pairs;
    }
}
