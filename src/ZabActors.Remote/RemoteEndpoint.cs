using System.Buffers;
using System.Threading.Channels;

namespace ZabActors.Remote;

/// <summary>
/// Everything this node keeps for one peer address: the bounded outbound queue (which outlives
/// connections, so messages sent while disconnected go out after reconnecting, in order), the one active
/// association and the single writer draining the queue into it, reconnection with exponential back-off,
/// and the failure detector that declares the peer's incarnation terminated. Sending never blocks: a
/// full queue drops the newest message. Remote actor refs hold on to their endpoint to skip the lookup.
/// </summary>
public sealed partial class RemoteEndpoint
{
    private readonly EndpointManager _manager;
    private readonly Channel<OutboundEnvelope> _queue = Channel.CreateUnbounded<OutboundEnvelope>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly int _capacity;
    private int _queued;
    private long _sent;
    private long _received;
    private long _droppedQueueFull;
    private long _droppedUnsendable;
    private long _droppedInbound;
    private long _associations;
    private long _dropsNotLogged;
    private long _lastDropLogTimestamp = long.MinValue;
    private long _lastHeardTimestamp;

    internal RemoteEndpoint(EndpointManager manager, RemoteAddress address)
    {
        _manager = manager;
        Address = address;
        _capacity = manager.Settings.OutboundQueueSize;
    }

    public RemoteAddress Address { get; }

    public bool IsAssociated => _active is not null;

    /// <summary>Identity of the peer's latest incarnation this node associated with, if any.</summary>
    public HandshakeInfo? Peer => Volatile.Read(ref _peer);

    /// <summary>
    /// Queues a message for the peer and returns at once. Returns false, counts and logs when the message
    /// is dropped because the queue is full (the newest message is the one dropped) or the node is shut down.
    /// </summary>
    public bool Send(object message, string recipient, string? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        if (_stopped)
            return false;
        if (Interlocked.Increment(ref _queued) > _capacity)
        {
            Interlocked.Decrement(ref _queued);
            OnQueueFull();
            return false;
        }
        _queue.Writer.TryWrite(new OutboundEnvelope(message, recipient, sender, OutboundSignal.None));
        if (_active is null)
            EnsureConnecting(immediately: false);
        return true;
    }

    public EndpointStatistics GetStatistics() => new(
        Address,
        IsAssociated,
        Volatile.Read(ref _queued),
        Interlocked.Read(ref _sent),
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _droppedQueueFull),
        Interlocked.Read(ref _droppedUnsendable),
        Interlocked.Read(ref _droppedInbound),
        Interlocked.Read(ref _associations));

    public override string ToString() => $"RemoteEndpoint({Address})";

    internal void MarkHeard() => Volatile.Write(ref _lastHeardTimestamp, _manager.Time.GetTimestamp());

    internal void CountReceived() => Interlocked.Increment(ref _received);

    internal void OnInboundDropped(string reason)
    {
        Interlocked.Increment(ref _droppedInbound);
        RemoteLog.InboundDropped(_manager.Log, Address, reason);
    }

    private void OnQueueFull()
    {
        Interlocked.Increment(ref _droppedQueueFull);
        Interlocked.Increment(ref _dropsNotLogged);
        LogDrops(_manager.Time.GetTimestamp());
    }

    /// <summary>
    /// One line per second at most, with the count since the last line: a dead peer under load would
    /// otherwise flood the log. The heartbeat tick calls this too, so the tail of a burst is reported.
    /// </summary>
    internal void LogDrops(long now)
    {
        if (Volatile.Read(ref _dropsNotLogged) == 0)
            return;
        var last = Volatile.Read(ref _lastDropLogTimestamp);
        if (last != long.MinValue && _manager.Time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
            return;
        if (Interlocked.CompareExchange(ref _lastDropLogTimestamp, now, last) != last)
            return;
        var count = Interlocked.Exchange(ref _dropsNotLogged, 0);
        if (count > 0)
            RemoteLog.OutboundQueueFull(_manager.Log, Address, _capacity, count, Interlocked.Read(ref _droppedQueueFull));
    }

    private void OnUnsendable(object message, string reason)
    {
        Interlocked.Increment(ref _droppedUnsendable);
        RemoteLog.OutboundDropped(_manager.Log, message.GetType().Name, Address, reason);
    }

    private bool WakeWriter() => _queue.Writer.TryWrite(OutboundEnvelope.Wakeup);

    private static ArrayBufferWriter<byte> NewFrameBuffer() => new(4096);
}
