namespace ZabActors.Actors;

/// <summary>Tell and Forward with the sender taken from the actor currently running on this thread, as in Akka.</summary>
public static class ActorRefExtensions
{
    /// <summary>Sends with Self as sender when called inside an actor, with no sender otherwise.</summary>
    public static void Tell(this ICanTell target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.Current?.Self);
    }

    /// <summary>Sends keeping the original sender of the message being processed.</summary>
    public static void Forward(this ICanTell target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.Current?.CurrentSender);
    }

    /// <summary>True for null and for <see cref="ActorRefs.Nobody"/>.</summary>
    public static bool IsNobody(this IActorRef? actorRef) => actorRef is null or NobodyActorRef;
}
