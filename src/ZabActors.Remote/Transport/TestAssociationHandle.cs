using System.Threading.Channels;

namespace ZabActors.Remote.Transport;

/// <summary>
/// One side of an in-memory association: frames written here are copied into the peer's inbound queue,
/// whose pump delivers them in order once the peer is started. Closing one side lets the other drain
/// what was already written, then report "connection closed by peer", as TCP does.
/// </summary>
internal sealed class TestAssociationHandle : AssociationHandle
{
    private readonly Channel<byte[]> _inbound = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TestTransport _owner;
    private readonly int _maximumFrameBytes;
    private TestAssociationHandle _peer = null!;
    private IHandleEventListener? _listener;
    private int _started;
    private int _closing;
    private int _notified;
    private string _reason = "";

    private TestAssociationHandle(RemoteAddress local, RemoteAddress remote, TestTransport owner)
        : base(local, remote)
    {
        _owner = owner;
        _maximumFrameBytes = owner.MaximumPayloadBytes;
        owner.Track(this);
    }

    public static (TestAssociationHandle Initiator, TestAssociationHandle Acceptor) CreatePair(
        RemoteAddress initiatorAddress, RemoteAddress acceptorAddress, TestTransport initiator, TestTransport acceptor)
    {
        var mine = new TestAssociationHandle(initiatorAddress, acceptorAddress, initiator);
        var theirs = new TestAssociationHandle(acceptorAddress, initiatorAddress, acceptor);
        mine._peer = theirs;
        theirs._peer = mine;
        return (mine, theirs);
    }

    public override void Start(IHandleEventListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException($"{this} was already started");
        _listener = listener;
        _ = PumpAsync();
    }

    public override bool Write(ReadOnlySpan<byte> frame)
    {
        if (frame.Length > _maximumFrameBytes)
            throw new ArgumentException($"frame of {frame.Length} bytes exceeds the maximum of {_maximumFrameBytes}");
        if (Volatile.Read(ref _closing) != 0)
            return false;
        _peer._inbound.Writer.TryWrite(frame.ToArray());
        return true;
    }

    public override ValueTask<bool> FlushAsync() => new(Volatile.Read(ref _closing) == 0);

    public override void Disassociate(string reason)
    {
        if (Interlocked.CompareExchange(ref _closing, 1, 0) != 0)
            return;
        _reason = reason;
        _owner.Registry.Record(new DisassociateAttempt(LocalAddress, RemoteAddress, reason));
        _owner.Forget(this);
        _stop.Cancel();
        _inbound.Writer.TryComplete();
        _peer._inbound.Writer.TryComplete();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var frame in _inbound.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (Volatile.Read(ref _closing) != 0)
                    break;
                _listener!.OnInboundPayload(frame);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Disassociate($"listener failed: {e.Message}");
        }
        Disassociate("connection closed by peer");
        if (Interlocked.Exchange(ref _notified, 1) == 0)
            _listener!.OnDisassociated(_reason);
    }
}
