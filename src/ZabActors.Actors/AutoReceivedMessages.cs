namespace ZabActors.Actors;

/// <summary>Stops the receiving actor once it reaches this message in its mailbox.</summary>
public sealed class PoisonPill : IAutoReceivedMessage, IPossiblyHarmful, IDeadLetterSuppression
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }

    public override string ToString() => "PoisonPill";
}

/// <summary>Makes the receiving actor fail with <see cref="ActorKilledException"/>; the default supervisor then stops it.</summary>
public sealed class Kill : IAutoReceivedMessage, IPossiblyHarmful
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }

    public override string ToString() => "Kill";
}

/// <summary>Every actor answers with <see cref="ActorIdentity"/>; used to resolve selections.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;

/// <summary>The answer to <see cref="Identify"/>; <paramref name="Subject"/> is null when no actor answered.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);

/// <summary>
/// Delivered to a watcher when a watched actor has stopped. <paramref name="ExistenceConfirmed"/> is
/// false when the actor was already gone (or never existed) when the watch arrived.
/// </summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated)
    : IAutoReceivedMessage, IPossiblyHarmful, IDeadLetterSuppression;

/// <summary>Sent to an actor that has received nothing for its receive timeout (see <c>Context.SetReceiveTimeout</c>).</summary>
public sealed class ReceiveTimeout : IPossiblyHarmful
{
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout()
    {
    }

    public override string ToString() => "ReceiveTimeout";
}
