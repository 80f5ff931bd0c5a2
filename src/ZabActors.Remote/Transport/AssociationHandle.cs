namespace ZabActors.Remote.Transport;

/// <summary>
/// One live connection between two nodes, after Akka's <c>AssociationHandle</c>. Frames written by the
/// single writer that owns the handle are buffered by <see cref="Write"/> and handed to the network by
/// <see cref="FlushAsync"/>, so a writer can put many frames into one system call. Inbound frames and the
/// final <see cref="IHandleEventListener.OnDisassociated"/> go to the listener given to <see cref="Start"/>,
/// in order, from one thread at a time.
/// </summary>
public abstract class AssociationHandle(RemoteAddress localAddress, RemoteAddress remoteAddress)
{
    public RemoteAddress LocalAddress { get; } = localAddress;

    /// <summary>
    /// Transport-level address of the peer. For inbound associations over TCP this is the peer's
    /// ephemeral socket address; the peer's real identity comes from the association handshake.
    /// </summary>
    public RemoteAddress RemoteAddress { get; } = remoteAddress;

    /// <summary>
    /// Begins delivering inbound frames to <paramref name="listener"/>; nothing is read before. Must be
    /// called once. If the handle is already closed the listener is told at once.
    /// </summary>
    public abstract void Start(IHandleEventListener listener);

    /// <summary>
    /// Buffers one frame. Returns false when the handle is closed (the frame is discarded). Only one
    /// writer may call <see cref="Write"/> and <see cref="FlushAsync"/>, never concurrently.
    /// </summary>
    public abstract bool Write(ReadOnlySpan<byte> frame);

    /// <summary>
    /// Hands the buffered frames to the network. Completes later when the peer is slow (backpressure);
    /// returns false when the handle is closed.
    /// </summary>
    public abstract ValueTask<bool> FlushAsync();

    /// <summary>
    /// Closes the association; frames already flushed are still sent where possible. Safe from any thread
    /// and idempotent. The listener then receives <see cref="IHandleEventListener.OnDisassociated"/> once.
    /// </summary>
    public abstract void Disassociate(string reason);

    public override string ToString() => $"{GetType().Name}({LocalAddress} <-> {RemoteAddress})";
}

/// <summary>Receives what arrives on one <see cref="AssociationHandle"/> (Akka's InboundPayload and Disassociated events).</summary>
public interface IHandleEventListener
{
    /// <summary>One whole inbound frame; the span is only valid during the call.</summary>
    void OnInboundPayload(ReadOnlySpan<byte> frame);

    /// <summary>The association is closed; called exactly once and last.</summary>
    void OnDisassociated(string reason);
}
