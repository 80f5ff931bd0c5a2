using System.Diagnostics;
using System.Buffers;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote;

/// <summary>
/// The writer of <see cref="RemoteEndpoint"/>: one loop per active association, the only code that
/// writes to its handle. It drains up to a batch of queued messages, serializing each into a reused
/// buffer and copying it into the transport's buffer, then flushes once, so that under load many
/// messages share one system call and no per-message task or buffer is allocated.
/// </summary>
public sealed partial class RemoteEndpoint
{
    private const int MaxBatchMessages = 1024;
    private const int MaxBatchBytes = 256 * 1024;
    private const int MaxRetainedFrameBufferBytes = 1024 * 1024;
    private ArrayBufferWriter<byte> _frame = NewFrameBuffer();

    /// <summary>Stops the endpoint: queued messages are written (within <paramref name="timeout"/>), then an orderly Disassociate.</summary>
    internal async Task StopAsync(TimeSpan timeout)
    {
        Association? active;
        Association? attempt;
        Task writer;
        lock (_gate)
        {
            _stopped = true;
            _retryTimer?.Dispose();
            _retryTimer = null;
            active = _active;
            attempt = _attempt;
            writer = _writer;
        }
        attempt?.Close("shutting down");
        if (active is not null)
        {
            _queue.Writer.TryWrite(OutboundEnvelope.Shutdown);
            try
            {
                // Real time on purpose: a manual test clock must not be able to hang a shutdown.
                await writer.WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            active.Close("shutting down");
        }
        _queue.Writer.TryComplete();
    }

    internal void MarkStopped()
    {
        lock (_gate)
        {
            _stopped = true;
            _retryTimer?.Dispose();
            _retryTimer = null;
        }
    }

    private async Task RunWriterAsync(Association association, Task previous)
    {
        // The previous association's writer must be gone before this one reads the queue (single reader).
        await previous.ConfigureAwait(false);
        try
        {
            await association.WritePreambleAsync(_frame).ConfigureAwait(false);
            await WriteLoopAsync(association).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(_manager.Log, e, $"writer to {Address}");
            association.Close($"writer failed: {e.Message}");
        }
    }

    private async Task WriteLoopAsync(Association association)
    {
        var handle = association.Handle;
        var reader = _queue.Reader;
        while (!association.IsClosed)
        {
            var count = 0;
            var bytes = 0;
            while (count < MaxBatchMessages && bytes < MaxBatchBytes && !association.IsClosed && reader.TryRead(out var envelope))
            {
                if (envelope.Signal == OutboundSignal.Shutdown)
                {
                    await WriteShutdownAsync(association).ConfigureAwait(false);
                    return;
                }
                if (envelope.Signal != OutboundSignal.None)
                    continue;
                var left = Interlocked.Decrement(ref _queued);
                Debug.Assert(left >= 0, "more messages taken from the queue than were put in");
                var written = WriteMessage(handle, envelope);
                if (written < 0)
                    return;
                bytes += written;
                count++;
            }
            if (association.TakeHeartbeatDue())
            {
                count += WriteControl(handle, static b => FrameCodec.WriteHeartbeat(b)) ? 1 : 0;
            }
            if (count > 0)
            {
                if (!await handle.FlushAsync().ConfigureAwait(false))
                    return;
                continue;
            }
            if (!await reader.WaitToReadAsync().ConfigureAwait(false))
                return;
        }
    }

    /// <summary>Writes one message frame; returns its size, 0 when the message was dropped, -1 when the handle is closed.</summary>
    private int WriteMessage(AssociationHandle handle, in OutboundEnvelope envelope)
    {
        var message = envelope.Message!;
        var frame = _frame;
        frame.ResetWrittenCount();
        try
        {
            var serializer = _manager.Serializers.FindSerializerFor(message);
            FrameCodec.WritePayloadHeader(frame, serializer.Identifier, serializer.Manifest(message), envelope.Recipient, envelope.Sender);
            serializer.ToBinary(message, frame);
        }
        catch (Exception e)
        {
            OnUnsendable(message, $"serialization failed: {e.Message}");
            return 0;
        }
        var length = frame.WrittenCount;
        var maximum = _manager.Transport.MaximumPayloadBytes;
        if (length > maximum)
        {
            OnUnsendable(message, $"frame of {length} bytes exceeds maximum-frame-size {maximum}");
            _frame = NewFrameBuffer();
            return 0;
        }
        if (!handle.Write(frame.WrittenSpan))
            return -1;
        Interlocked.Increment(ref _sent);
        if (frame.Capacity > MaxRetainedFrameBufferBytes)
            _frame = NewFrameBuffer();
        return length;
    }

    private bool WriteControl(AssociationHandle handle, Action<ArrayBufferWriter<byte>> encode)
    {
        var frame = _frame;
        frame.ResetWrittenCount();
        encode(frame);
        return handle.Write(frame.WrittenSpan);
    }

    private async Task WriteShutdownAsync(Association association)
    {
        var handle = association.Handle;
        if (WriteControl(handle, static b => FrameCodec.WriteDisassociate(b, DisassociateReason.Shutdown)))
            await handle.FlushAsync().ConfigureAwait(false);
        association.Close("shut down");
    }
}
