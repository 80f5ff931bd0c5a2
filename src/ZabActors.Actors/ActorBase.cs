using Microsoft.Extensions.Logging;

namespace ZabActors.Actors;

/// <summary>A behavior: handles one message and says whether it did.</summary>
public delegate bool Receive(object message);

/// <summary>
/// The base of every actor: access to its context (Self, Sender, Parent, children) and the
/// behaviour switch. Lifecycle hooks live in ActorBase.Lifecycle.cs. Instances are only created by
/// the runtime from <see cref="Props"/>; constructing one with <c>new</c> fails.
/// </summary>
public abstract partial class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.TakeConstructing() ?? throw new ActorInitializationException(
            null, $"{GetType().Name} must be created by the runtime (Context.ActorOf / system.ActorOf with Props), not with 'new'");
        if (this is IWithTimers withTimers) withTimers.Timers = _cell.Timers;
        if (this is IWithStash withStash) withStash.Stash = _cell.CreateStash();
    }

    /// <summary>This actor's context; valid only while the actor processes a message (or in its constructor).</summary>
    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being processed; dead letters when it had none.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>A logger named after the actor class whose entries carry the actor path in their scope.</summary>
    protected ILogger Log => _cell.Log;

    /// <summary>Handles one message; returns false when it was not handled (then <see cref="Unhandled"/> is called).</summary>
    protected internal abstract bool Receive(object message);

    /// <summary>
    /// Called for messages no behaviour handled: an unhandled <see cref="Terminated"/> kills the actor
    /// with <see cref="DeathPactException"/>, anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        _cell.PublishUnhandled(message);
    }

    /// <summary>Replaces the current behaviour.</summary>
    protected void Become(Receive receive) => _cell.Become(receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    protected void BecomeStacked(Receive receive) => _cell.BecomeStacked(receive);

    protected void UnbecomeStacked() => _cell.UnbecomeStacked();

    /// <summary>The behaviour the actor starts with (and returns to after a restart).</summary>
    internal virtual Receive CreateInitialBehavior() => Receive;

    internal void InvokeUnhandled(object message) => Unhandled(message);
}
