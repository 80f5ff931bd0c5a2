namespace ZabActors.Actors;

/// <summary>
/// Marks messages that drive an actor's lifecycle (creation, supervision, death watch, stop).
/// They travel in a queue of their own and are processed before any user message.
/// </summary>
public interface ISystemMessage
{
}

/// <summary><paramref name="Watcher"/> asks to be told when <paramref name="Watchee"/> dies.</summary>
public sealed record Watch(IInternalActorRef Watchee, IInternalActorRef Watcher) : ISystemMessage;

/// <summary><paramref name="Watcher"/> no longer wants to hear of <paramref name="Watchee"/>'s death.</summary>
public sealed record Unwatch(IInternalActorRef Watchee, IInternalActorRef Watcher) : ISystemMessage;

/// <summary>
/// Tells a watcher (or the parent) that <paramref name="Actor"/> has died; the watcher turns it into
/// a <see cref="Terminated"/> user message.
/// </summary>
public sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed, bool AddressTerminated) : ISystemMessage;

/// <summary>Stops the actor: its children first, then PostStop, then its watchers are told.</summary>
public sealed class Terminate : ISystemMessage
{
    public static readonly Terminate Instance = new();

    private Terminate()
    {
    }

    public override string ToString() => "Terminate";
}

/// <summary>Creates the actor instance and runs PreStart.</summary>
internal sealed class Create : ISystemMessage
{
    public static readonly Create Instance = new();

    private Create()
    {
    }
}

/// <summary>The supervisor's Restart directive.</summary>
internal sealed record Recreate(Exception Cause) : ISystemMessage;

/// <summary>The supervisor's Resume directive.</summary>
internal sealed record Resume(Exception? CausedByFailure) : ISystemMessage;

/// <summary>A child reports its failure to its parent; <paramref name="Uid"/> filters stale reports.</summary>
internal sealed record Failed(IInternalActorRef Child, Exception Cause, long Uid) : ISystemMessage;

/// <summary>An <c>await</c> continuation of a ReceiveAsync handler, run inside the actor.</summary>
internal sealed record RunContinuation(ActorSynchronizationContext Context, SendOrPostCallback Callback, object? State) : ISystemMessage;

/// <summary>The task of a ReceiveAsync handler finished; user messages may flow again.</summary>
internal sealed record AsyncHandlerCompleted(Task Task) : ISystemMessage;
