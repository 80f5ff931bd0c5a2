using System.Threading.Channels;

namespace ZabActors.Remote.Transport;

/// <summary>
/// A handle seen through a <see cref="FailureInjectorTransportAdapter"/>: each frame, in either
/// direction, is passed, dropped or delayed according to the mode for the peer at that moment. Once a
/// direction has been delayed, all later frames of that direction go through its delay queue so that
/// order is kept when the mode changes; the outbound delay queue then becomes the inner handle's only writer.
/// </summary>
internal sealed class FailureInjectorHandle : AssociationHandle, IHandleEventListener
{
    private readonly FailureInjectorTransportAdapter _adapter;
    private readonly AssociationHandle _inner;
    private readonly bool _inbound;
    private IHandleEventListener? _listener;
    private volatile RemoteAddress _peer;
    private bool _originResolved;
    private volatile bool _poisoned;
    private volatile bool _closed;
    private DelayQueue? _outboundDelay;
    private DelayQueue? _inboundDelay;

    public FailureInjectorHandle(FailureInjectorTransportAdapter adapter, AssociationHandle inner, bool inbound)
        : base(inner.LocalAddress, inner.RemoteAddress)
    {
        _adapter = adapter;
        _inner = inner;
        _inbound = inbound;
        _peer = inner.RemoteAddress;
        _originResolved = !inbound;
    }

    /// <summary>The peer the modes are looked up for: the handshake origin once known.</summary>
    public RemoteAddress Peer => _peer;

    public override void Start(IHandleEventListener listener)
    {
        _listener = listener;
        _inner.Start(this);
    }

    public override bool Write(ReadOnlySpan<byte> frame)
    {
        if (_closed)
            return false;
        var mode = _adapter.ModeFor(_peer);
        if (Drops(mode, outbound: true))
            return true;
        if (_outboundDelay is null && mode is not DelayMode)
            return _inner.Write(frame);
        _outboundDelay ??= new DelayQueue(this, outbound: true);
        _outboundDelay.Enqueue(frame.ToArray(), mode is DelayMode d ? d.Duration : TimeSpan.Zero);
        return true;
    }

    public override ValueTask<bool> FlushAsync() =>
        _outboundDelay is null ? _inner.FlushAsync() : new ValueTask<bool>(!_closed);

    public override void Disassociate(string reason)
    {
        _closed = true;
        _adapter.Forget(this);
        _inner.Disassociate(reason);
    }

    void IHandleEventListener.OnInboundPayload(ReadOnlySpan<byte> frame)
    {
        if (!_originResolved)
        {
            _originResolved = true;
            if (_adapter.OriginResolver(frame) is { } origin)
                _peer = origin;
        }
        var mode = _adapter.ModeFor(_peer);
        if (Drops(mode, outbound: false))
            return;
        if (_inboundDelay is null && mode is not DelayMode)
        {
            _listener!.OnInboundPayload(frame);
            return;
        }
        _inboundDelay ??= new DelayQueue(this, outbound: false);
        _inboundDelay.Enqueue(frame.ToArray(), mode is DelayMode d ? d.Duration : TimeSpan.Zero);
    }

    void IHandleEventListener.OnDisassociated(string reason)
    {
        _closed = true;
        _adapter.Forget(this);
        if (_inboundDelay is null)
            _listener!.OnDisassociated(reason);
        else
            _inboundDelay.Close(reason);
    }

    private bool Drops(FailureMode mode, bool outbound)
    {
        var drop = _poisoned;
        if (mode is BlackholeMode)
        {
            _poisoned = true;
            drop = true;
        }
        else if (mode is DropMode d)
        {
            drop |= _adapter.ShouldDrop(outbound ? d.OutboundProbability : d.InboundProbability);
        }
        if (drop)
            _adapter.CountDrop();
        return drop;
    }

    /// <summary>Holds frames of one direction until they are due, then passes them on in order.</summary>
    private sealed class DelayQueue
    {
        private readonly Channel<(long Due, byte[]? Frame, string? CloseReason)> _items =
            Channel.CreateUnbounded<(long, byte[]?, string?)>(new UnboundedChannelOptions { SingleReader = true });
        private readonly FailureInjectorHandle _owner;
        private readonly bool _outbound;

        public DelayQueue(FailureInjectorHandle owner, bool outbound)
        {
            _owner = owner;
            _outbound = outbound;
            _ = PumpAsync();
        }

        public void Enqueue(byte[] frame, TimeSpan delay) =>
            _items.Writer.TryWrite((_owner._adapter.TimeProvider.GetTimestamp() + Ticks(delay), frame, null));

        public void Close(string reason)
        {
            _items.Writer.TryWrite((0, null, reason));
            _items.Writer.TryComplete();
        }

        private long Ticks(TimeSpan delay) => (long)(delay.TotalSeconds * _owner._adapter.TimeProvider.TimestampFrequency);

        private async Task PumpAsync()
        {
            var time = _owner._adapter.TimeProvider;
            try
            {
                await foreach (var (due, frame, closeReason) in _items.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    var wait = time.GetElapsedTime(time.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait, time).ConfigureAwait(false);
                    if (!Deliver(frame, closeReason))
                        break;
                    if (_outbound && !_items.Reader.TryPeek(out _) && !await _owner._inner.FlushAsync().ConfigureAwait(false))
                        break;
                }
            }
            catch (Exception e)
            {
                _owner._inner.Disassociate($"failure injector delay queue failed: {e.Message}");
            }
        }

        private bool Deliver(byte[]? frame, string? closeReason)
        {
            if (closeReason is not null)
            {
                _owner._listener!.OnDisassociated(closeReason);
                return false;
            }
            if (_outbound)
                return _owner._inner.Write(frame!);
            _owner._listener!.OnInboundPayload(frame!);
            return true;
        }
    }
}
