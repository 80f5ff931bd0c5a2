namespace ZabActors.Actors;

/// <summary>A user message and its sender as queued in a mailbox; a struct so a Tell allocates nothing of its own.</summary>
internal readonly struct Envelope
{
    public Envelope(object message, IActorRef? sender)
    {
        Message = message;
        Sender = sender;
    }

    public object Message { get; }

    public IActorRef? Sender { get; }
}
