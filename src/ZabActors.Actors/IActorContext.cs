namespace ZabActors.Actors;

/// <summary>Creates and finds actors: implemented by the actor system (top-level actors) and by every actor context (children).</summary>
public interface IActorRefFactory
{
    /// <summary>Creates an actor; without a name one is generated (<c>$a</c>, <c>$b</c>, ...).</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>A handle to the actor(s) at <paramref name="path"/>: absolute (<c>zab://sys/user/a</c>, <c>/user/a</c>) or relative (<c>child</c>, <c>../sibling</c>).</summary>
    ActorSelection ActorSelection(string path);

    ActorSelection ActorSelection(ActorPath path);
}

/// <summary>
/// What an actor sees of the runtime while it processes a message: its identity, the sender, its
/// children, death watch, behaviour switching and receive timeout. Use it only from the actor itself.
/// </summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }

    /// <summary>The sender of the current message; dead letters when it had none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    Props Props { get; }

    ActorSystem System { get; }

    MessageDispatcher Dispatcher { get; }

    /// <summary>A snapshot of the live children.</summary>
    IReadOnlyList<IActorRef> Children { get; }

    /// <summary>The child named <paramref name="name"/>, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>Stops a child (or this actor itself) asynchronously.</summary>
    void Stop(IActorRef child);

    /// <summary>Asks to receive <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it is already dead).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/>, but delivers <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; a Terminated already queued for <paramref name="subject"/> is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    void Become(Receive receive);

    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    /// <summary>Sends <see cref="ReceiveTimeout"/> after this long without a message; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    TimeSpan? ReceiveTimeout { get; }
}
