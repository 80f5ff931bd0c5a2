using System.Diagnostics;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Protocol;

namespace ZabActors.Client;

// Connecting, failing over within the session timeout, pings and the read timeout.
public sealed partial class ZooKeeperClient
{
    private ClientConnection? connection;
    private TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] password = new byte[16];
    private int serverIndex = Random.Shared.Next();

    /// <summary>
    /// The first connection: tries the servers in turn, backing off between rounds, for as long as the
    /// session timeout (a server may refuse a connection while it starts or is busy); none reachable by
    /// then is an error that lists what each said.
    /// </summary>
    private async Task OpenSessionAsync(CancellationToken cancel)
    {
        var errors = new List<string>();
        var giveUpAt = Stopwatch.StartNew();
        for (var round = 0; ; round++)
        {
            for (var attempt = 0; attempt < servers.Count; attempt++)
            {
                if (await TryConnectAsync(errors, cancel))
                {
                    _ = Task.Run(MonitorAsync);
                    return;
                }
            }
            if (giveUpAt.Elapsed >= options.SessionTimeout)
            {
                throw new KeeperException(ErrorCode.ConnectionLoss, detail: $"no server reachable: {string.Join("; ", errors.TakeLast(servers.Count * 2))}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 << Math.Min(round, 4), 1000)), cancel);
        }
    }

    /// <summary>One attempt at the next server; false when it failed (the reason goes to <paramref name="errors"/>).</summary>
    private async Task<bool> TryConnectAsync(List<string> errors, CancellationToken cancel)
    {
        var server = servers[(int)((uint)serverIndex++ % (uint)servers.Count)];
        var request = new ConnectRequest(0, LastZxid, (int)options.SessionTimeout.TotalMilliseconds, SessionId, password, options.CanBeReadOnly);
        try
        {
            var (opened, response) = await ClientConnection.OpenAsync(server, request, options, OnNotification, cancel);
            if (response.TimeoutMs <= 0)
            {
                await opened.DisposeAsync();
                Expire();
                throw new KeeperException(ErrorCode.SessionExpired, detail: $"{server.Host}:{server.Port} says the session is gone");
            }
            SessionId = response.SessionId;
            password = response.Password;
            SessionTimeout = TimeSpan.FromMilliseconds(response.TimeoutMs);
            connection = opened;
            await RestoreAsync(opened, cancel);
            SetState(response.ReadOnly ? SessionState.ConnectedReadOnly : SessionState.Connected);
            connected.TrySetResult();
            return true;
        }
        catch (Exception e) when (e is not KeeperException { Code: ErrorCode.SessionExpired } && !cancel.IsCancellationRequested)
        {
            errors.Add($"{server.Host}:{server.Port}: {e.Message}");
            return false;
        }
    }

    /// <summary>On a new connection of an existing session: credentials first, then the watches to re-arm.</summary>
    private async Task RestoreAsync(ClientConnection opened, CancellationToken cancel)
    {
        List<(string Scheme, byte[] Credential)> credentials;
        lock (authInfo)
        {
            credentials = [.. authInfo];
        }
        foreach (var (scheme, credential) in credentials)
        {
            await opened.SendAsync(Xids.Auth, RequestWriter.Encode(Xids.Auth, new AuthRequest(0, scheme, credential)), cancel);
        }
        var (data, exist, child, persistent, recursive) = watches.Paths();
        if (data.Length + exist.Length + child.Length + persistent.Length + recursive.Length > 0)
        {
            var setWatches = new SetWatchesRequest(LastZxid, [.. data], [.. exist], [.. child], [.. persistent], [.. recursive]);
            await opened.SendAsync(Xids.SetWatches, RequestWriter.Encode(Xids.SetWatches, setWatches), cancel);
        }
    }

    /// <summary>Pings when idle, notices a dead connection, and fails over within the session timeout.</summary>
    private async Task MonitorAsync()
    {
        while (!closing.IsCancellationRequested && State is not (SessionState.Expired or SessionState.Closed))
        {
            var current = connection!;
            var pingEvery = TimeSpan.FromMilliseconds(SessionTimeout.TotalMilliseconds / 3);
            var readTimeoutMs = (long)(SessionTimeout.TotalMilliseconds * 2 / 3);
            while (!current.Closed.IsCompleted && !closing.IsCancellationRequested)
            {
                await Task.WhenAny(current.Closed, Task.Delay(pingEvery, closing.Token).ContinueWith(_ => { }, TaskScheduler.Default));
                if (Environment.TickCount64 - current.LastReceivedTicks > readTimeoutMs)
                {
                    current.Close(new TimeoutException($"nothing heard for {readTimeoutMs} ms"));
                }
                else if (!current.Closed.IsCompleted)
                {
                    _ = current.SendAsync(Xids.Ping, RequestWriter.Encode(Xids.Ping, PingRequest.Instance), CancellationToken.None);
                }
            }
            if (closing.IsCancellationRequested)
            {
                return;
            }
            await ReconnectAsync();
        }
    }

    private async Task ReconnectAsync()
    {
        connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        SetState(SessionState.Disconnected);
        var lost = Stopwatch.StartNew();
        var errors = new List<string>();
        while (lost.Elapsed < SessionTimeout && !closing.IsCancellationRequested)
        {
            try
            {
                if (await TryConnectAsync(errors, closing.Token))
                {
                    return;
                }
            }
            catch (KeeperException e) when (e.Code == ErrorCode.SessionExpired)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * errors.Count, 1000)), closing.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (!closing.IsCancellationRequested)
        {
            Expire();
        }
    }

    private void Expire()
    {
        SetState(SessionState.Expired);
        connected.TrySetException(new KeeperException(ErrorCode.SessionExpired));
        watches.Clear();
    }

    /// <summary>Sends a request on the current connection, waiting (within the session timeout) if it is being replaced.</summary>
    private async Task<Reply> SubmitAsync(ClientRequest request, string? path, CancellationToken cancel, Action<Reply>? onReply = null)
    {
        ObjectDisposedException.ThrowIf(closing.IsCancellationRequested, this);
        if (State == SessionState.Expired)
        {
            throw new KeeperException(ErrorCode.SessionExpired, path);
        }
        await connected.Task.WaitAsync(SessionTimeout, cancel);
        var xid = NextXid();
        var reply = await connection!.SendAsync(xid, RequestWriter.Encode(xid, request), cancel, onReply);
        if (reply.Header.Zxid > 0)
        {
            SeeZxid(reply.Header.Zxid);
        }
        return reply;
    }

    /// <summary>Closes the session on the server (its ephemerals go) and the connection.</summary>
    public async Task CloseAsync(CancellationToken cancel = default)
    {
        if (State is SessionState.Connected or SessionState.ConnectedReadOnly && connection is { } current)
        {
            try
            {
                var xid = NextXid();
                await current.SendAsync(xid, RequestWriter.Encode(xid, new WriteRequest(ZooKeeper.Prep.CloseSessionOp.Instance)), cancel)
                    .WaitAsync(SessionTimeout, cancel);
            }
            catch (Exception e) when (e is KeeperException or TimeoutException)
            {
                // The server will expire the session by itself.
            }
        }
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (closing.IsCancellationRequested)
        {
            return;
        }
        await closing.CancelAsync();
        connection?.Close(new ObjectDisposedException(nameof(ZooKeeperClient)));
        connected.TrySetException(new KeeperException(ErrorCode.ConnectionLoss, detail: "the client is closed"));
        SetState(SessionState.Closed);
        callbacks.Writer.TryComplete();
    }
}
