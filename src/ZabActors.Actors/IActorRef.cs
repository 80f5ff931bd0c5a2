namespace ZabActors.Actors;

/// <summary>Anything a message can be sent to: an actor ref or an actor selection.</summary>
public interface ICanTell
{
    /// <summary>Sends <paramref name="message"/> without waiting; <paramref name="sender"/> is what the receiver sees as <c>Sender</c>.</summary>
    void Tell(object message, IActorRef? sender);
}

/// <summary>
/// An immutable, location-transparent handle to one incarnation of an actor. Two refs are equal
/// when they name the same path and the same incarnation (uid).
/// </summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    ActorPath Path { get; }
}

/// <summary>
/// The runtime side of an actor ref: system messages (watch, stop, supervision) and the provider
/// that made it. A remote ref implements this to carry watch/unwatch over the network.
/// </summary>
public interface IInternalActorRef : IActorRef
{
    IInternalActorRef Parent { get; }

    IActorRefProvider Provider { get; }

    /// <summary>True when the actor lives in this process.</summary>
    bool IsLocal { get; }

    /// <summary>True once the actor is known to be dead; a remote ref may never know.</summary>
    bool IsTerminated { get; }

    void SendSystemMessage(ISystemMessage message);

    /// <summary>Asks the actor to stop (asynchronously, after its children).</summary>
    void Stop();

    /// <summary>Resolves a descendant by relative path elements; <c>null</c> when there is none.</summary>
    IInternalActorRef? GetChild(IReadOnlyList<string> names);
}
