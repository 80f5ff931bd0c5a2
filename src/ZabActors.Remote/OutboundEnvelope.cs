namespace ZabActors.Remote;

/// <summary>
/// An entry of a peer's outbound queue: a message to serialize and send, or a signal for the writer
/// (wake up to send a heartbeat or notice a closed association, or shut down in order).
/// </summary>
internal readonly record struct OutboundEnvelope(object? Message, string Recipient, string? Sender, OutboundSignal Signal)
{
    public static OutboundEnvelope Wakeup => new(null, "", null, OutboundSignal.Wakeup);

    public static OutboundEnvelope Shutdown => new(null, "", null, OutboundSignal.Shutdown);
}

/// <summary>What a queue entry asks of the writer besides sending a message.</summary>
internal enum OutboundSignal : byte
{
    None = 0,
    Wakeup = 1,
    Shutdown = 2,
}
