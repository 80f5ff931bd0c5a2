using System.Buffers;
using ZabActors.Remote.Serialization;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote;

/// <summary>
/// One association protocol session on top of an <see cref="AssociationHandle"/>: the handshake
/// (including tie-break and membership checks on the acceptor), then decoding of heartbeats, payloads
/// and orderly closes. It owns the read side; the peer's <see cref="RemoteEndpoint"/> owns the write side
/// once the session is active. Any frame it cannot accept closes this session only.
/// </summary>
internal sealed partial class Association : IHandleEventListener
{
    private const int Handshaking = 0;
    private const int Active = 1;
    private const int Closed = 2;

    private readonly EndpointManager _manager;
    private readonly Utf8StringCache _strings = new();
    private readonly TaskCompletionSource _handshakeSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile RemoteEndpoint? _endpoint;
    private int _state;
    private int _heartbeatDue;

    public Association(EndpointManager manager, AssociationHandle handle, RemoteEndpoint? endpoint)
    {
        _manager = manager;
        Handle = handle;
        _endpoint = endpoint;
        IsInitiator = endpoint is not null;
        HandshakeDeadline = manager.Time.GetTimestamp() + manager.ToTimestampTicks(manager.Settings.ConnectTimeout);
        if (!IsInitiator)
            _handshakeSent.SetResult();
    }

    public AssociationHandle Handle { get; }

    public bool IsInitiator { get; }

    /// <summary>The peer's identity once the handshake succeeded.</summary>
    public HandshakeInfo? Peer { get; private set; }

    /// <summary>Why the peer refused our handshake, when it did.</summary>
    public RejectReason? Rejection { get; private set; }

    public long HandshakeDeadline { get; }

    public bool IsActive => Volatile.Read(ref _state) == Active;

    public bool IsClosed => Volatile.Read(ref _state) == Closed;

    /// <summary>The address to report: the peer's own once known, else its transport address.</summary>
    public RemoteAddress PeerAddress => Peer?.Address ?? _endpoint?.Address ?? Handle.RemoteAddress;

    public void RequestHeartbeat() => Volatile.Write(ref _heartbeatDue, 1);

    public bool TakeHeartbeatDue() => Interlocked.Exchange(ref _heartbeatDue, 0) != 0;

    /// <summary>Initiator: sends the handshake. The writer for this session starts only after it.</summary>
    public async Task SendHandshakeAsync()
    {
        try
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            FrameCodec.WriteHandshake(buffer, _manager.LocalHandshake, ack: false);
            if (!Handle.Write(buffer.WrittenSpan) || !await Handle.FlushAsync().ConfigureAwait(false))
                Close("closed before the handshake was sent");
        }
        finally
        {
            _handshakeSent.TrySetResult();
        }
    }

    /// <summary>
    /// Runs first on the session's writer: the initiator waits for its handshake to be out, the
    /// acceptor writes its HandshakeAck, so the ack precedes every payload.
    /// </summary>
    public async ValueTask WritePreambleAsync(ArrayBufferWriter<byte> buffer)
    {
        await _handshakeSent.Task.ConfigureAwait(false);
        if (IsInitiator)
            return;
        buffer.ResetWrittenCount();
        FrameCodec.WriteHandshake(buffer, _manager.LocalHandshake, ack: true);
        if (Handle.Write(buffer.WrittenSpan))
            await Handle.FlushAsync().ConfigureAwait(false);
    }

    public void OnInboundPayload(ReadOnlySpan<byte> frame)
    {
        var state = Volatile.Read(ref _state);
        if (state is Closed or Refusing)
            return;
        try
        {
            var reader = new SpanReader(frame);
            var kind = FrameCodec.ReadHeader(ref reader);
            if (state == Active)
                OnActiveFrame(kind, ref reader);
            else
                OnHandshakeFrame(kind, ref reader);
        }
        catch (FrameFormatException e)
        {
            Violation($"malformed frame: {e.Message}");
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(_manager.Log, e, $"association with {PeerAddress}");
            Violation($"failed to process a frame: {e.Message}");
        }
    }

    public void OnDisassociated(string reason) => Close(reason);

    /// <summary>Closes the session (idempotent) and tells the endpoint, which decides about reconnecting.</summary>
    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _state, Closed) == Closed)
            return;
        Handle.Disassociate(reason);
        _manager.Untrack(this);
        var endpoint = _endpoint;
        if (endpoint is not null)
            endpoint.OnAssociationClosed(this, reason);
        else
            _manager.Publish(new AssociationErrorEvent(_manager.LocalAddress, PeerAddress, reason));
    }

    private void OnActiveFrame(FrameKind kind, ref SpanReader reader)
    {
        var endpoint = _endpoint!;
        endpoint.MarkHeard();
        switch (kind)
        {
            case FrameKind.Payload:
                OnPayload(endpoint, ref reader);
                break;
            case FrameKind.Heartbeat:
                reader.EnsureConsumed();
                break;
            case FrameKind.Disassociate:
                var reason = FrameCodec.ReadDisassociate(ref reader);
                if (reason == DisassociateReason.Shutdown)
                    endpoint.OnPeerShutdown(Peer!);
                Close($"peer disassociated ({reason})");
                break;
            default:
                Violation($"unexpected {kind} frame on an established association");
                break;
        }
    }

    private void OnPayload(RemoteEndpoint endpoint, ref SpanReader reader)
    {
        FrameCodec.ReadPayloadHeader(ref reader, _strings, out var serializerId, out var manifest, out var recipient, out var sender);
        var body = reader.ReadRest();
        if (!_manager.Serializers.TryGetSerializer(serializerId, out var serializer))
        {
            endpoint.OnInboundDropped($"no serializer with id {serializerId}");
            return;
        }
        object message;
        try
        {
            using var scope = ActorRefSerialization.Use(_manager.ActorRefResolver);
            message = serializer.FromBinary(body, manifest);
        }
        catch (Exception e)
        {
            endpoint.OnInboundDropped($"serializer {serializerId} failed on manifest '{manifest}': {e.Message}");
            return;
        }
        endpoint.CountReceived();
        try
        {
            _manager.InboundHandler.OnMessage(new InboundEnvelope(Peer!.Address, Peer.NodeId, recipient, sender, message));
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(_manager.Log, e, $"inbound message handler ({message.GetType().Name} from {Peer!.Address})");
        }
    }

    private void Violation(string reason)
    {
        RemoteLog.ProtocolViolation(_manager.Log, PeerAddress, reason);
        Close(reason);
    }
}
