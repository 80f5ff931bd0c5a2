using Xunit.Abstractions;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote.Tests;

/// <summary>The association layer over the in-memory transport: no sockets, every attempt recorded.</summary>
public sealed class TestTransportSpec(ITestOutputHelper output)
{
    private readonly TestTransportRegistry _registry = new();

    private Task<TestNode> Start(long nodeId) =>
        TestNode.StartAsync(nodeId, output, transport: s => new TestTransport(_registry, s.MaximumFrameSizeBytes));

    [Fact]
    public async Task Messages_cross_in_order_and_the_registry_records_the_attempts()
    {
        await using var a = await Start(1);
        await using var b = await Start(2);
        for (var i = 0; i < 1000; i++)
            a.Send(b, i);
        await b.Inbox.WaitForCount(1000);

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), b.Inbox.Sequences(a.Address));
        Assert.Equal("zab.test", a.Address.Protocol);
        var log = _registry.LogSnapshot();
        Assert.Contains(new ListenAttempt(a.Address), log);
        // Node 1 dials first and is refused; node 2 (the tie-break winner) dials back.
        Assert.Contains(new AssociateAttempt(a.Address, b.Address), log);
        Assert.Contains(new AssociateAttempt(b.Address, a.Address), log);
        Assert.Contains(log.OfType<DisassociateAttempt>(), d => d.Reason.Contains("tie-break"));
    }

    [Fact]
    public async Task Association_to_an_address_nobody_listens_on_fails_and_is_retried()
    {
        await using var a = await Start(1);
        var nowhere = new RemoteAddress("zab.test", "zab", "127.0.0.1", 1);
        a.Manager.Send(nowhere, "hello", "/user/x");

        var error = await a.Events.WaitFor<AssociationErrorEvent>(e => a.Events.OfType<AssociationErrorEvent>().Count() >= 2);
        Assert.Contains("connection refused", error.Reason);
        Assert.Equal(1, a.Manager.GetEndpoint(nowhere).GetStatistics().QueuedMessages);
    }

    [Fact]
    public async Task Raw_handle_sending_an_unknown_frame_kind_is_closed()
    {
        await using var a = await Start(1);
        var client = new TestTransport(_registry);
        var handle = await client.AssociateAsync(a.Address);
        var closed = new TaskCompletionSource<string>();
        handle.Start(new Listener(closed));

        handle.Write([1, 200]);
        await handle.FlushAsync();

        Assert.Contains("closed by peer", await closed.Task.WaitAsync(Waiting.Timeout));
        await a.Events.WaitFor<AssociationErrorEvent>(e => e.Reason.Contains("unknown frame kind 200"));
    }

    private sealed class Listener(TaskCompletionSource<string> closed) : IHandleEventListener
    {
        public void OnInboundPayload(ReadOnlySpan<byte> frame)
        {
        }

        public void OnDisassociated(string reason) => closed.TrySetResult(reason);
    }
}
