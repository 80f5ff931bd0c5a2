using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ZabActors.Remote.Tests.Support;

/// <summary>A bare TCP connection speaking (or abusing) the wire format by hand, to play a peer.</summary>
public sealed class RawConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawConnection(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<RawConnection> ConnectAsync(RemoteAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Parse(address.Host), address.Port).WaitAsync(Waiting.Timeout);
        return new RawConnection(socket);
    }

    public static RawConnection Wrap(Socket accepted) => new(accepted);

    public static byte[] Frame(Action<ArrayBufferWriter<byte>> encode)
    {
        var buffer = new ArrayBufferWriter<byte>();
        encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] HandshakeFrame(HandshakeInfo info, bool ack = false) => Frame(b => FrameCodec.WriteHandshake(b, info, ack));

    public static byte[] PayloadFrame(long sequence, string recipient = "/user/inbox") => Frame(b =>
    {
        FrameCodec.WritePayloadHeader(b, TestMessageSerializer.Id, "", recipient, null);
        new TestMessageSerializer().ToBinary(new TestMessage(sequence, "raw"), b);
    });

    public static byte[] WithLength(ReadOnlySpan<byte> frame)
    {
        var bytes = new byte[4 + frame.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, frame.Length);
        frame.CopyTo(bytes.AsSpan(4));
        return bytes;
    }

    public Task SendFrameAsync(byte[] frame) => SendRawAsync(WithLength(frame));

    public async Task SendRawAsync(byte[] bytes)
    {
        try
        {
            await _stream.WriteAsync(bytes).AsTask().WaitAsync(Waiting.Timeout);
        }
        catch (IOException)
        {
            // The node may already have closed the connection; what matters is how it behaves.
        }
    }

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>The next frame, or null when the node closed the connection.</summary>
    public async Task<byte[]?> ReadFrameAsync()
    {
        var prefix = new byte[4];
        if (!await ReadExactlyAsync(prefix))
            return null;
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
        return await ReadExactlyAsync(frame) ? frame : null;
    }

    /// <summary>Reads frames until the node closes the connection; returns the frames seen.</summary>
    public async Task<List<byte[]>> ReadUntilClosedAsync()
    {
        // Bounded as a whole: a node that never closes but keeps sending heartbeats must fail the test.
        var deadline = DateTime.UtcNow + Waiting.Timeout;
        var frames = new List<byte[]>();
        while (await ReadFrameAsync() is { } frame)
        {
            frames.Add(frame);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the node did not close the connection within {Waiting.Timeout.TotalSeconds}s");
        }
        return frames;
    }

    public static FrameKind KindOf(byte[] frame) => (FrameKind)frame[1];

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer)
    {
        try
        {
            await _stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(Waiting.Timeout);
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return false;
        }
    }
}

/// <summary>A bare listening socket that plays a peer the node dials.</summary>
public sealed class RawListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RawListener() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public RemoteAddress Address(string system = TestNode.System) => new("zab.tcp", system, "127.0.0.1", Port);

    public async Task<RawConnection> AcceptAsync() =>
        RawConnection.Wrap(await _listener.AcceptSocketAsync().WaitAsync(Waiting.Timeout));

    public void Dispose() => _listener.Stop();
}
