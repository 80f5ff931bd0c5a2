namespace ZabActors.Actors;

/// <summary>
/// The ref at <c>/deadLetters</c>: everything sent to it is recorded as a <see cref="DeadLetter"/>
/// (counted, published, logged with a rate limit). Replies to messages without a sender land here.
/// </summary>
internal sealed class DeadLetterActorRef : SystemMinimalActorRef
{
    public DeadLetterActorRef(ActorSystem system, ActorPath path) : base(system, path)
    {
    }

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new InvalidMessageException("message must not be null");
        if (message is DeadLetter deadLetter) System.PublishDeadLetter(deadLetter);
        else System.PublishDeadLetter(message, sender, this);
    }

    public override void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch watch && !watch.Watcher.Equals(this))
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, false, false));
    }
}

/// <summary>
/// What resolving a path with no live actor returns: messages become dead letters addressed to that
/// path, and watching it reports it dead at once.
/// </summary>
internal sealed class EmptyLocalActorRef : SystemMinimalActorRef
{
    public EmptyLocalActorRef(ActorSystem system, ActorPath path) : base(system, path)
    {
    }

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new InvalidMessageException("message must not be null");
        if (message is Identify identify) sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
        else System.PublishDeadLetter(message, sender, this);
    }

    public override void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch watch) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, false, false));
    }
}
