using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote.Tests;

/// <summary>The TCP transport alone: framing, batching and closing, below the association protocol.</summary>
public sealed class TcpTransportSpec : IAsyncLifetime
{
    private readonly TcpTransport _server = new(TestNode.FastSettings with { MaximumFrameSizeBytes = 8192 });
    private readonly TcpTransport _client = new(TestNode.FastSettings with { MaximumFrameSizeBytes = 8192 });
    private readonly Accepting _accepted = new();
    private RemoteAddress _address = null!;

    public async Task InitializeAsync() =>
        _address = await _server.ListenAsync(new RemoteAddress(TcpTransport.Scheme, "zab", "127.0.0.1", 0), _accepted);

    public async Task DisposeAsync()
    {
        await _client.ShutdownAsync();
        await _server.ShutdownAsync();
    }

    [Fact]
    public async Task Frames_written_in_one_batch_arrive_whole_and_in_order()
    {
        var handle = await _client.AssociateAsync(_address);
        handle.Start(new Recorder());
        var (inbound, recorder) = await _accepted.Next();

        for (var i = 0; i < 2000; i++)
            Assert.True(handle.Write(BitConverter.GetBytes(i).Concat(new byte[i % 7000]).ToArray()));
        Assert.True(await handle.FlushAsync());
        await recorder.Waiting.Until(() => recorder.Frames.Count == 2000, "2000 frames");

        Assert.Equal(Enumerable.Range(0, 2000), recorder.Frames.Select(f => BitConverter.ToInt32(f)));
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => 4 + i % 7000), recorder.Frames.Select(f => f.Length));
        Assert.Equal(_address, handle.RemoteAddress);
        Assert.Equal("127.0.0.1", inbound.RemoteAddress.Host);
    }

    [Fact]
    public async Task Disassociate_delivers_what_was_flushed_then_closes_both_sides()
    {
        var handle = await _client.AssociateAsync(_address);
        var local = new Recorder();
        handle.Start(local);
        var (_, remote) = await _accepted.Next();

        handle.Write([1, 2, 3]);
        await handle.FlushAsync();
        handle.Disassociate("test is done");

        Assert.Equal("test is done", await local.Closed.Task.WaitAsync(Waiting.Timeout));
        Assert.Equal("connection closed by peer", await remote.Closed.Task.WaitAsync(Waiting.Timeout));
        Assert.Equal([1, 2, 3], Assert.Single(remote.Frames));
        Assert.False(handle.Write([4]));
        Assert.False(await handle.FlushAsync());
    }

    [Fact]
    public async Task Writing_a_frame_above_the_limit_is_a_caller_error()
    {
        var handle = await _client.AssociateAsync(_address);
        Assert.Throws<ArgumentException>(() => handle.Write(new byte[8193]));
        handle.Disassociate("done");
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails_with_InvalidAssociationException()
    {
        using var probe = new RawListener();
        var address = probe.Address();
        probe.Dispose();
        var ex = await Assert.ThrowsAsync<InvalidAssociationException>(() => _client.AssociateAsync(address));
        Assert.Contains(address.ToString(), ex.Message);
    }

    private sealed class Accepting : IAssociationEventListener
    {
        private readonly BlockingCollection<(AssociationHandle, Recorder)> _handles = new();

        public void OnInboundAssociation(AssociationHandle handle)
        {
            var recorder = new Recorder();
            handle.Start(recorder);
            _handles.Add((handle, recorder));
        }

        public Task<(AssociationHandle Handle, Recorder Recorder)> Next() =>
            Task.Run(() => _handles.Take()).WaitAsync(Waiting.Timeout);
    }

    private sealed class Recorder : IHandleEventListener
    {
        public readonly List<byte[]> Frames = new();
        public readonly Waiting Waiting = new();
        public readonly TaskCompletionSource<string> Closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnInboundPayload(ReadOnlySpan<byte> frame)
        {
            lock (Frames)
                Frames.Add(frame.ToArray());
            Waiting.Changed();
        }

        public void OnDisassociated(string reason) => Closed.TrySetResult(reason);
    }
}
