namespace ZabActors.Remote;

/// <summary>Counters of one peer endpoint, for tests, benchmarks and diagnostics.</summary>
public sealed record EndpointStatistics(
    RemoteAddress Address,
    bool IsAssociated,
    int QueuedMessages,
    long SentMessages,
    long ReceivedMessages,
    long DroppedQueueFull,
    long DroppedUnsendable,
    long DroppedInbound,
    long Associations);
