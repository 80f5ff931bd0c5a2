using Akka.Actor;
using ZabActors.Client;

namespace ZabActors.Coordination;

/// <summary>A watch fired for an actor: what ZooKeeper reported.</summary>
public sealed record ZooKeeperWatchFired(WatchedEvent Event);

/// <summary>The ZooKeeper session's state changed (Disconnected, Connected, Expired, ...).</summary>
public sealed record ZooKeeperSessionChanged(long SessionId, SessionState State);

/// <summary>
/// Lets actors use the ZooKeeper client without callbacks: watch events and session state changes
/// arrive as messages, in the order the client saw them, so an actor handles them like any other.
/// </summary>
public static class ActorWatchers
{
    /// <summary>A watcher that tells <paramref name="actor"/> <see cref="ZooKeeperWatchFired"/>.</summary>
    public static Action<WatchedEvent> WatcherFor(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return e => actor.Tell(new ZooKeeperWatchFired(e), ActorRefs.NoSender);
    }

    /// <summary>Tells <paramref name="actor"/> every session state change of <paramref name="client"/> from now on.</summary>
    public static void SubscribeSessionChanges(this ZooKeeperClient client, IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(actor);
        client.StateChanged += state => actor.Tell(new ZooKeeperSessionChanged(client.SessionId, state), ActorRefs.NoSender);
    }
}
