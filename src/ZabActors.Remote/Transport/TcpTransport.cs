using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZabActors.Remote.Transport;

/// <summary>
/// Owns a listening TCP socket and every connection it accepts or opens, each wrapped in a
/// <see cref="TcpAssociationHandle"/>. Sockets use TCP_NODELAY: coalescing is done above, by writers that
/// flush once per batch, so Nagle's delay would only add latency.
/// </summary>
public sealed class TcpTransport : ITransport
{
    public const string Scheme = "zab.tcp";
    private const int ListenBacklog = 512;

    private readonly RemoteSettings _settings;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<TcpAssociationHandle, byte> _handles = new();
    private readonly CancellationTokenSource _shutdown = new();
    private Socket? _listenSocket;
    private RemoteAddress? _localAddress;
    private Task _acceptLoop = Task.CompletedTask;

    public TcpTransport(RemoteSettings settings, ILoggerFactory? loggerFactory = null)
    {
        _settings = settings.Validate();
        _log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TcpTransport>();
    }

    public string SchemeIdentifier => Scheme;

    public int MaximumPayloadBytes => _settings.MaximumFrameSizeBytes;

    public async Task<RemoteAddress> ListenAsync(
        RemoteAddress localAddress, IAssociationEventListener listener, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (_listenSocket is not null)
            throw new InvalidOperationException($"{this} is already listening on {_localAddress}");
        var ip = await ResolveAsync(localAddress.Host, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(ip, localAddress.Port));
            socket.Listen(ListenBacklog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _listenSocket = socket;
        _localAddress = localAddress.WithPort(((IPEndPoint)socket.LocalEndPoint!).Port);
        _acceptLoop = AcceptLoopAsync(socket, listener);
        return _localAddress;
    }

    public async Task<AssociationHandle> AssociateAsync(RemoteAddress remoteAddress, CancellationToken cancellationToken = default)
    {
        if (_shutdown.IsCancellationRequested)
            throw new InvalidAssociationException($"{this} is shut down");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        timeout.CancelAfter(_settings.ConnectTimeout);
        Socket? socket = null;
        try
        {
            var ip = await ResolveAsync(remoteAddress.Host, timeout.Token).ConfigureAwait(false);
            socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(ip, remoteAddress.Port), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            socket?.Dispose();
            var why = e is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"timed out after {_settings.ConnectTimeout.TotalMilliseconds:0}ms"
                : e.GetBaseException().Message;
            throw new InvalidAssociationException($"cannot connect to {remoteAddress}: {why}", e);
        }
        var endpoint = (IPEndPoint)socket.LocalEndPoint!;
        var local = _localAddress ?? new RemoteAddress(Scheme, remoteAddress.System, endpoint.Address.ToString(), endpoint.Port);
        return Track(new TcpAssociationHandle(socket, local, remoteAddress, _settings.MaximumFrameSizeBytes, _log, Forget));
    }

    public async Task ShutdownAsync()
    {
        if (_shutdown.IsCancellationRequested)
            return;
        _shutdown.Cancel();
        _listenSocket?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var handle in _handles.Keys)
            handle.Disassociate("transport shut down");
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());

    public override string ToString() => $"TcpTransport({_localAddress?.ToString() ?? "not listening"})";

    private async Task AcceptLoopAsync(Socket listenSocket, IAssociationEventListener listener)
    {
        while (!_shutdown.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listenSocket.AcceptAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e)
            {
                // Typically descriptor exhaustion: keep serving, but do not spin on the error.
                RemoteLog.AcceptFailed(_log, e, _localAddress!);
                await Task.Delay(50).ConfigureAwait(false);
                continue;
            }
            Accept(socket, listener);
        }
    }

    private void Accept(Socket socket, IAssociationEventListener listener)
    {
        TcpAssociationHandle handle;
        try
        {
            socket.NoDelay = true;
            var peer = (IPEndPoint)socket.RemoteEndPoint!;
            var remote = new RemoteAddress(Scheme, _localAddress!.System, peer.Address.ToString(), peer.Port);
            handle = Track(new TcpAssociationHandle(socket, _localAddress, remote, _settings.MaximumFrameSizeBytes, _log, Forget));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            socket.Dispose();
            return;
        }
        try
        {
            listener.OnInboundAssociation(handle);
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(_log, e, "inbound association listener");
            handle.Disassociate("inbound association listener failed");
        }
    }

    private TcpAssociationHandle Track(TcpAssociationHandle handle)
    {
        _handles[handle] = 0;
        if (_shutdown.IsCancellationRequested)
            handle.Disassociate("transport shut down");
        return handle;
    }

    private void Forget(TcpAssociationHandle handle) => _handles.TryRemove(handle, out _);

    private static async ValueTask<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var ip))
            return ip;
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
               ?? addresses.FirstOrDefault()
               ?? throw new SocketException((int)SocketError.HostNotFound);
    }
}
