using ZabActors.Actors;

namespace ZabActors.TestKit;

/// <summary>One message a test actor received, with its sender.</summary>
public sealed record ReceivedMessage(object Message, IActorRef Sender)
{
    public override string ToString() => Describe.Message(Message);
}
