namespace ZabActors.Actors;

/// <summary>
/// Runs the <c>await</c> continuations of a ReceiveAsync handler inside its actor: each continuation
/// is posted to the actor's system queue and runs with the handler's message and sender restored,
/// so Self, Sender and Context stay valid and nothing else of the actor runs concurrently.
/// </summary>
internal sealed class ActorSynchronizationContext : SynchronizationContext
{
    public ActorSynchronizationContext(ActorCell cell, ActorBase? actor, object? message, IActorRef? sender)
    {
        Cell = cell;
        Actor = actor;
        Message = message;
        Sender = sender;
    }

    public ActorCell Cell { get; }

    /// <summary>The incarnation that started the handler; continuations of an earlier incarnation are dropped.</summary>
    public ActorBase? Actor { get; }

    public object? Message { get; }

    public IActorRef? Sender { get; }

    public override void Post(SendOrPostCallback d, object? state) =>
        Cell.Mailbox.PostSystem(new RunContinuation(this, d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("synchronous Send into an actor would deadlock; use Post");

    public override SynchronizationContext CreateCopy() => this;
}
