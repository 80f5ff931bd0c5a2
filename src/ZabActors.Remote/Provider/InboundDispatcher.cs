using ZabActors.Actors;

namespace ZabActors.Remote;

/// <summary>
/// Delivers what peers send to the actors of this system, on the association's read loop: resolves
/// recipient and sender (cached), hands system messages to the <see cref="RemoteWatcher"/> and enqueues
/// everything else into the recipient's mailbox, which never blocks. A recipient that does not live here
/// (unknown path, stopped actor, stale incarnation) turns the message into a dead letter on this node,
/// counted by the system and in <see cref="Remoting.InboundDeadLetters"/>.
/// </summary>
internal sealed class InboundDispatcher(Remoting remoting) : IInboundMessageHandler
{
    private volatile RemoteActorRefProvider? _provider;

    public void Attach(RemoteActorRefProvider provider) => _provider = provider;

    public void OnMessage(in InboundEnvelope envelope)
    {
        var provider = _provider;
        if (provider is null)
        {
            remoting.CountInboundDeadLetter();
            RemoteLog.InboundNotDelivered(remoting.Log, envelope.Message.GetType().Name, envelope.Origin, "the actor system is not started yet");
            return;
        }
        var recipient = provider.ResolveActorRef(envelope.Recipient);
        if (recipient is RemoteActorRef)
        {
            remoting.CountInboundDeadLetter();
            RemoteLog.InboundNotDelivered(remoting.Log, envelope.Message.GetType().Name, envelope.Origin, $"recipient {envelope.Recipient} is not on this node");
            provider.ToDeadLetters(envelope.Message, null, recipient);
            return;
        }
        if (envelope.Message is ISystemMessage system)
        {
            provider.Watcher.OnInbound(system, recipient);
            return;
        }
        if ((recipient is IInternalActorRef { IsTerminated: true } || ReferenceEquals(recipient, provider.DeadLetters)) && envelope.Message is not Identify)
            remoting.CountInboundDeadLetter();
        var sender = envelope.Sender is null ? null : provider.ResolveActorRef(envelope.Sender);
        recipient.Tell(envelope.Message, sender);
    }
}
