namespace ZabActors.Actors;

/// <summary>Well-known refs: <see cref="Nobody"/> (a ref that drops everything) and <see cref="NoSender"/>.</summary>
public static class ActorRefs
{
    /// <summary>Pass as sender when there is none; the receiver then sees dead letters as <c>Sender</c>.</summary>
    public static readonly IActorRef? NoSender = null;

    /// <summary>The ref that names no actor, returned e.g. by <c>Context.Child</c> for a missing child.</summary>
    public static IActorRef Nobody => NobodyRef;

    internal static readonly NobodyActorRef NobodyRef = new();
}

/// <summary>The ref of no actor: messages are dropped, watching it reports it dead at once.</summary>
public sealed class NobodyActorRef : MinimalActorRef
{
    private static readonly ActorPath NobodyPath = ActorPath.RootOf(Address.Local("all-systems")) / "Nobody";

    internal NobodyActorRef()
    {
    }

    public override ActorPath Path => NobodyPath;

    public override IActorRefProvider Provider =>
        throw new NotSupportedException("Nobody belongs to no actor system and has no provider");

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
    }

    public override void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch watch && !ReferenceEquals(watch.Watcher, this))
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, false, false));
    }

    public override string ToString() => "Nobody";
}
