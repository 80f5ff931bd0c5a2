namespace ZabActors.Remote;

/// <summary>One message received from a peer, already deserialized, with the paths it was sent with.</summary>
public readonly record struct InboundEnvelope(RemoteAddress Origin, long OriginNodeId, string Recipient, string? Sender, object Message);

/// <summary>
/// Receives every inbound message, on the association's read loop and in arrival order. Implementations
/// must not block (the actor layer enqueues into a mailbox); exceptions are logged and the message skipped.
/// </summary>
public interface IInboundMessageHandler
{
    void OnMessage(in InboundEnvelope envelope);
}
