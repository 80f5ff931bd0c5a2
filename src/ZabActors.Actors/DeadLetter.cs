namespace ZabActors.Actors;

/// <summary>A message that could not be delivered (its recipient was stopped or never existed); published on the event stream.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient)
{
    public override string ToString() => $"DeadLetter({Message} from {Sender} to {Recipient})";
}

/// <summary>A message an actor's receive did not handle; published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient)
{
    public override string ToString() => $"UnhandledMessage({Message} from {Sender} to {Recipient})";
}
