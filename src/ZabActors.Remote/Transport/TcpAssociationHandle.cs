using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ZabActors.Remote.Transport;

/// <summary>
/// One TCP connection carrying length-prefixed frames (4-byte big-endian length, then the frame).
/// Outbound frames go into a <see cref="Pipe"/> whose reader, the send loop, hands everything flushed so
/// far to the socket in one call; inbound bytes come through a <see cref="PipeReader"/> and are cut into
/// frames by the read loop, which also enforces the frame size limit and detects a truncated last frame.
/// </summary>
internal sealed class TcpAssociationHandle : AssociationHandle
{
    private const int LengthPrefixBytes = 4;
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(2);

    private static readonly PipeOptions OutputOptions = new(
        pauseWriterThreshold: 1 << 20,
        resumeWriterThreshold: 1 << 19,
        minimumSegmentSize: 1 << 16,
        useSynchronizationContext: false);

    private readonly Socket _socket;
    private readonly Pipe _output = new(OutputOptions);
    private readonly PipeReader _input;
    private readonly int _maximumFrameBytes;
    private readonly ILogger _log;
    private readonly Action<TcpAssociationHandle> _onClosed;
    private readonly CancellationTokenSource _readCancellation = new();
    private readonly CancellationTokenSource _sendCancellation = new();
    private IHandleEventListener? _listener;
    private int _started;
    private int _closing;
    private int _notified;
    private string _reason = "";

    public TcpAssociationHandle(
        Socket socket, RemoteAddress local, RemoteAddress remote, int maximumFrameBytes, ILogger log, Action<TcpAssociationHandle> onClosed)
        : base(local, remote)
    {
        _socket = socket;
        _maximumFrameBytes = maximumFrameBytes;
        _log = log;
        _onClosed = onClosed;
        _input = PipeReader.Create(
            new NetworkStream(socket, ownsSocket: false),
            new StreamPipeReaderOptions(bufferSize: 1 << 16, minimumReadSize: 1 << 12, leaveOpen: true));
        _ = SendLoopAsync();
    }

    public override void Start(IHandleEventListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException($"{this} was already started");
        _listener = listener;
        _ = ReadLoopAsync();
    }

    public override bool Write(ReadOnlySpan<byte> frame)
    {
        if (frame.Length > _maximumFrameBytes)
            throw new ArgumentException($"frame of {frame.Length} bytes exceeds the maximum of {_maximumFrameBytes}");
        if (Volatile.Read(ref _closing) != 0)
            return false;
        var writer = _output.Writer;
        var span = writer.GetSpan(LengthPrefixBytes + frame.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, frame.Length);
        frame.CopyTo(span[LengthPrefixBytes..]);
        writer.Advance(LengthPrefixBytes + frame.Length);
        return true;
    }

    public override ValueTask<bool> FlushAsync()
    {
        if (Volatile.Read(ref _closing) != 0)
            return new ValueTask<bool>(false);
        var flush = _output.Writer.FlushAsync();
        return flush.IsCompletedSuccessfully ? new ValueTask<bool>(IsOpen(flush.Result)) : AwaitFlushAsync(flush);
    }

    public override void Disassociate(string reason)
    {
        if (Interlocked.CompareExchange(ref _closing, 1, 0) != 0)
            return;
        _reason = reason;
        RemoteLog.HandleClosing(_log, RemoteAddress, reason);
        // The send loop still pushes out what was flushed before the close (a Reject or Disassociate
        // frame), but never for longer than Linger against a peer that stopped reading.
        _sendCancellation.CancelAfter(Linger);
        _output.Reader.CancelPendingRead();
        _input.CancelPendingRead();
        _readCancellation.Cancel();
        _onClosed(this);
    }

    private bool IsOpen(FlushResult result) => !result.IsCompleted && !result.IsCanceled && Volatile.Read(ref _closing) == 0;

    private async ValueTask<bool> AwaitFlushAsync(ValueTask<FlushResult> flush) => IsOpen(await flush.ConfigureAwait(false));

    private async Task ReadLoopAsync()
    {
        string? failure = null;
        try
        {
            while (failure is null)
            {
                var result = await _input.ReadAsync(_readCancellation.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                failure = DeliverFrames(ref buffer);
                var leftover = buffer.Length;
                _input.AdvanceTo(buffer.Start, buffer.End);
                if (failure is null && result.IsCompleted)
                    failure = leftover == 0
                        ? "connection closed by peer"
                        : $"connection closed inside a frame ({leftover} bytes of it received): truncated frame";
                if (result.IsCanceled)
                    break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            failure = $"connection error: {e.GetBaseException().Message}";
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(_log, e, $"read loop of {this}");
            failure = $"read loop failed: {e.Message}";
        }
        Disassociate(failure ?? "closed");
        await _input.CompleteAsync().ConfigureAwait(false);
        NotifyDisassociated();
    }

    private string? DeliverFrames(ref ReadOnlySequence<byte> buffer)
    {
        Span<byte> prefix = stackalloc byte[LengthPrefixBytes];
        while (buffer.Length >= LengthPrefixBytes && Volatile.Read(ref _closing) == 0)
        {
            buffer.Slice(0, LengthPrefixBytes).CopyTo(prefix);
            var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
            if (length < 0 || length > _maximumFrameBytes)
                return $"frame length {(uint)length} exceeds maximum-frame-size {_maximumFrameBytes}";
            if (buffer.Length < LengthPrefixBytes + length)
                break;
            var frame = buffer.Slice(LengthPrefixBytes, length);
            Deliver(frame);
            buffer = buffer.Slice(frame.End);
        }
        return null;
    }

    private void Deliver(ReadOnlySequence<byte> frame)
    {
        var listener = _listener!;
        if (frame.IsSingleSegment)
        {
            listener.OnInboundPayload(frame.FirstSpan);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent((int)frame.Length);
        try
        {
            frame.CopyTo(rented);
            listener.OnInboundPayload(rented.AsSpan(0, (int)frame.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        string? failure = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                    await SendAsync(buffer).ConfigureAwait(false);
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled || Volatile.Read(ref _closing) != 0)
                    break;
            }
            if (reader.TryRead(out var last))
            {
                if (!last.Buffer.IsEmpty)
                    await SendAsync(last.Buffer).ConfigureAwait(false);
                reader.AdvanceTo(last.Buffer.End);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            failure = $"send failed: {e.GetBaseException().Message}";
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(_log, e, $"send loop of {this}");
            failure = $"send loop failed: {e.Message}";
        }
        await reader.CompleteAsync().ConfigureAwait(false);
        Disassociate(failure ?? "closed");
        CloseSocket();
    }

    private async ValueTask SendAsync(ReadOnlySequence<byte> buffer)
    {
        var token = _sendCancellation.Token;
        foreach (var segment in buffer)
        {
            var remaining = segment;
            while (!remaining.IsEmpty)
            {
                var sent = await _socket.SendAsync(remaining, SocketFlags.None, token).ConfigureAwait(false);
                remaining = remaining[sent..];
            }
        }
    }

    private void CloseSocket()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer; closing below is all that is left to do.
        }
        _socket.Dispose();
    }

    private void NotifyDisassociated()
    {
        if (Interlocked.Exchange(ref _notified, 1) != 0)
            return;
        try
        {
            _listener?.OnDisassociated(_reason);
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(_log, e, $"disassociation listener of {this}");
        }
    }
}
