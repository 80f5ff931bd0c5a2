using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;
using ZabActors.ZooKeeper.Protocol;

namespace ZabActors.Client;

/// <summary>
/// One TCP connection to one server: the connect handshake, length-prefixed frames, and the FIFO of
/// requests awaiting replies (a server answers a connection's requests in order, so the head of the
/// queue must carry the reply's xid; anything else is a protocol error that closes the connection).
/// Pings and auth replies are matched apart from that queue, as ZooKeeper's Java client does.
/// Notifications (xid -1) go to <see cref="onNotification"/> on the reading task, in arrival order.
/// </summary>
internal sealed class ClientConnection : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private readonly int maxPacketBytes;
    private readonly Action<WatcherEvent, long> onNotification;
    private readonly Queue<(int Xid, TaskCompletionSource<Reply> Reply, Action<Reply>? OnReply)> pending = new();
    private readonly Queue<TaskCompletionSource<Reply>> authReplies = new();
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly TaskCompletionSource<Exception> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object gate = new();

    private ClientConnection(TcpClient tcp, int maxPacketBytes, Action<WatcherEvent, long> onNotification)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
        this.maxPacketBytes = maxPacketBytes;
        this.onNotification = onNotification;
    }

    public EndPoint? RemoteEndPoint => tcp.Client.RemoteEndPoint;

    /// <summary>Completes with the reason once the connection is closed for any reason.</summary>
    public Task<Exception> Closed => closed.Task;

    /// <summary>Ticks of the last frame received (for the read timeout).</summary>
    public long LastReceivedTicks { get; private set; } = Environment.TickCount64;

    public static async Task<(ClientConnection Connection, ConnectResponse Response)> OpenAsync(
        DnsEndPoint endpoint, ConnectRequest request, ZooKeeperClientOptions options, Action<WatcherEvent, long> onNotification, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(options.ConnectTimeout);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            var connection = new ClientConnection(tcp, options.MaxPacketBytes, onNotification);
            var writer = new JuteWriter();
            request.Write(writer);
            await connection.WriteFrameAsync(writer.Written.ToArray(), timeout.Token);
            var frame = await connection.ReadFrameAsync(timeout.Token)
                ?? throw new IOException($"{endpoint.Host}:{endpoint.Port} closed the connection during the handshake");
            var response = ConnectResponse.Read(frame);
            _ = connection.ReadLoopAsync();
            return (connection, response);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends a request and returns its reply; fails with ConnectionLoss if the connection closes first.
    /// <paramref name="onReply"/> runs on the reading task before anything after the reply is read, so a
    /// watch it registers is in place before the notification that may follow the reply.
    /// </summary>
    public Task<Reply> SendAsync(int xid, byte[] packet, CancellationToken cancel, Action<Reply>? onReply = null)
    {
        var reply = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (closed.Task.IsCompleted)
            {
                reply.SetException(new KeeperException(ErrorCode.ConnectionLoss));
                return reply.Task;
            }
            if (xid == Xids.Auth)
            {
                authReplies.Enqueue(reply);
            }
            else if (xid != Xids.Ping)
            {
                pending.Enqueue((xid, reply, onReply));
            }
            else
            {
                reply.SetResult(new Reply(new ReplyHeader(xid, 0, ErrorCode.Ok), []));
            }
        }
        _ = WriteOrCloseAsync(packet, cancel);
        return reply.Task;
    }

    public void Close(Exception reason)
    {
        List<TaskCompletionSource<Reply>> waiting;
        lock (gate)
        {
            if (!closed.TrySetResult(reason))
            {
                return;
            }
            waiting = [.. pending.Select(p => p.Reply), .. authReplies];
            pending.Clear();
            authReplies.Clear();
        }
        tcp.Dispose();
        foreach (var reply in waiting)
        {
            reply.TrySetException(new KeeperException(ErrorCode.ConnectionLoss, detail: reason.Message));
        }
    }

    public ValueTask DisposeAsync()
    {
        Close(new ObjectDisposedException(nameof(ClientConnection)));
        return ValueTask.CompletedTask;
    }

    private async Task WriteOrCloseAsync(byte[] packet, CancellationToken cancel)
    {
        try
        {
            await WriteFrameAsync(packet, cancel);
        }
        catch (Exception e)
        {
            Close(e);
        }
    }

    private async Task WriteFrameAsync(byte[] packet, CancellationToken cancel)
    {
        var frame = new byte[packet.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(frame, packet.Length);
        packet.CopyTo(frame, 4);
        await writeLock.WaitAsync(cancel);
        try
        {
            await stream.WriteAsync(frame, cancel);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task<byte[]?> ReadFrameAsync(CancellationToken cancel)
    {
        var lengthBytes = new byte[4];
        if (!await ReadExactlyAsync(lengthBytes, cancel))
        {
            return null;
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
        if (length < 0 || length > maxPacketBytes)
        {
            throw new IOException($"packet length {length} is out of range (max {maxPacketBytes})");
        }
        var frame = new byte[length];
        if (!await ReadExactlyAsync(frame, cancel))
        {
            throw new IOException("the connection closed inside a packet");
        }
        LastReceivedTicks = Environment.TickCount64;
        return frame;
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancel)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancel);
            if (n == 0)
            {
                if (read == 0)
                {
                    return false;
                }
                throw new IOException("the connection closed inside a packet");
            }
            read += n;
        }
        return true;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await ReadFrameAsync(CancellationToken.None) is { } frame)
            {
                Dispatch(frame);
            }
            Close(new IOException("the server closed the connection"));
        }
        catch (Exception e)
        {
            Close(e);
        }
    }

    private void Dispatch(byte[] frame)
    {
        var reader = new JuteReader(frame, maxPacketBytes);
        var header = ReplyHeader.Read(ref reader);
        var body = frame[reader.Position..];
        switch (header.Xid)
        {
            case Xids.Notification:
                var events = new JuteReader(body, maxPacketBytes);
                var type = events.ReadInt();
                var state = events.ReadInt();
                var path = events.ReadString() ?? "";
                onNotification(new WatcherEvent((ZooKeeper.Watches.EventType)type, (ZooKeeper.Watches.KeeperState)state, path), header.Zxid);
                return;
            case Xids.Ping:
                return;
            case Xids.Auth:
                Complete(() => (authReplies.TryDequeue(out var auth) ? auth : null, null), header, body);
                return;
        }
        Complete(() =>
        {
            if (!pending.TryDequeue(out var head))
            {
                throw new IOException($"reply with xid {header.Xid} but nothing is pending");
            }
            return head.Xid == header.Xid ? (head.Reply, head.OnReply) : throw new IOException($"reply xid {header.Xid} out of order (expected {head.Xid})");
        }, header, body);
    }

    private void Complete(Func<(TaskCompletionSource<Reply>? Reply, Action<Reply>? OnReply)> take, ReplyHeader header, byte[] body)
    {
        TaskCompletionSource<Reply>? reply;
        Action<Reply>? onReply;
        lock (gate)
        {
            (reply, onReply) = take();
        }
        var answer = new Reply(header, body);
        onReply?.Invoke(answer);
        reply?.TrySetResult(answer);
    }
}

/// <summary>A server's reply: the header (xid, zxid, error) and the body bytes.</summary>
internal sealed record Reply(ReplyHeader Header, byte[] Body);
