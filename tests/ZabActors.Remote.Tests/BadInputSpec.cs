using System.Buffers.Binary;
using Xunit.Abstractions;

namespace ZabActors.Remote.Tests;

/// <summary>Malformed or unwelcome input closes the offending connection only; the node keeps serving its peers.</summary>
public sealed class BadInputSpec(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly RemoteSettings Settings = TestNode.FastSettings with { MaximumFrameSizeBytes = 64 * 1024 };
    private TestNode _node = null!;
    private TestNode _peer = null!;
    private long _sequence;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(1, output, Settings, isAllowedPeer: p => p.NodeId is >= 1 and <= 3);
        _peer = await TestNode.StartAsync(2, output, Settings);
        await AssertPeersStillTalk();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _peer.DisposeAsync();
    }

    public static TheoryData<string, byte[], string> MalformedStreams => new()
    {
        { "oversized", Prefix(64 * 1024 + 1), "exceeds maximum-frame-size" },
        { "negative length", Prefix(-5), "exceeds maximum-frame-size" },
        { "truncated", [.. Prefix(100), .. new byte[10]], "truncated frame" },
        { "empty frame", Prefix(0), "shorter than its 2-byte header" },
        { "unknown version", RawConnection.WithLength([7, 1, 0, 0]), "unsupported protocol version 7" },
        { "unknown kind", RawConnection.WithLength([1, 42]), "unknown frame kind 42" },
        { "payload before handshake", RawConnection.WithLength(RawConnection.PayloadFrame(1)), "unexpected Payload frame during the handshake" },
        { "garbled handshake", RawConnection.WithLength([1, 1, 0xFF, 0xFF, 0xFF]), "malformed frame" },
    };

    [Theory]
    [MemberData(nameof(MalformedStreams))]
    public async Task Malformed_stream_closes_only_that_connection(string name, byte[] bytes, string reason)
    {
        await using var raw = await RawConnection.ConnectAsync(_node.Address);
        await raw.SendRawAsync(bytes);
        if (name == "truncated")
            raw.ShutdownSend();

        Assert.Empty(await raw.ReadUntilClosedAsync());
        await _node.Events.WaitFor<AssociationErrorEvent>(e => e.Reason.Contains(reason));
        await AssertPeersStillTalk();
    }

    public static TheoryData<long, string, RejectReason> UnwelcomeHandshakes => new()
    {
        { 9, "zab", RejectReason.NotAMember },
        { 3, "other-ensemble", RejectReason.CookieMismatch },
        { 1, "zab", RejectReason.DuplicateNodeId },
    };

    [Theory]
    [MemberData(nameof(UnwelcomeHandshakes))]
    public async Task Unwelcome_handshake_is_refused_with_a_reason(long nodeId, string cookie, RejectReason expected)
    {
        await using var raw = await RawConnection.ConnectAsync(_node.Address);
        var info = new HandshakeInfo(FrameCodec.ProtocolVersion, nodeId, 99, new RemoteAddress("zab.tcp", "zab", "127.0.0.1", 1), cookie);
        await raw.SendFrameAsync(RawConnection.HandshakeFrame(info));

        var reply = Assert.Single(await raw.ReadUntilClosedAsync());
        Assert.Equal(FrameKind.Reject, RawConnection.KindOf(reply));
        Assert.Equal(expected, (RejectReason)reply[2]);
        await _node.Events.WaitFor<AssociationErrorEvent>(e => e.Reason.Contains(expected.ToString()));
        await AssertPeersStillTalk();
    }

    [Fact]
    public async Task Protocol_violation_on_an_established_association_closes_it_alone()
    {
        await using var raw = await RawConnection.ConnectAsync(_node.Address);
        var self = new RemoteAddress("zab.tcp", "zab", "127.0.0.1", 1);
        await raw.SendFrameAsync(RawConnection.HandshakeFrame(new HandshakeInfo(FrameCodec.ProtocolVersion, 3, 33, self, "zab")));
        Assert.Equal(FrameKind.HandshakeAck, RawConnection.KindOf((await raw.ReadFrameAsync())!));
        await raw.SendFrameAsync(RawConnection.PayloadFrame(77));
        await _node.Inbox.WaitFor(m => m.OriginNodeId == 3, "the raw peer's message");

        await raw.SendFrameAsync([1, 42, 0]);

        await raw.ReadUntilClosedAsync();
        var closed = await _node.Events.WaitFor<DisassociatedEvent>(e => e.RemoteNodeId == 3);
        Assert.Contains("unknown frame kind 42", closed.Reason);
        await AssertPeersStillTalk();
    }

    [Fact]
    public async Task Message_with_an_unknown_serializer_is_dropped_and_the_association_kept()
    {
        await using var raw = await RawConnection.ConnectAsync(_node.Address);
        var self = new RemoteAddress("zab.tcp", "zab", "127.0.0.1", 1);
        await raw.SendFrameAsync(RawConnection.HandshakeFrame(new HandshakeInfo(FrameCodec.ProtocolVersion, 3, 33, self, "zab")));
        await raw.ReadFrameAsync();

        await raw.SendFrameAsync(RawConnection.Frame(b => FrameCodec.WritePayloadHeader(b, 4242, "", "/user/x", null)));
        await raw.SendFrameAsync(RawConnection.Frame(b => FrameCodec.WritePayloadHeader(b, TestMessageSerializer.Id, "", "/user/x", null)));
        await raw.SendFrameAsync(RawConnection.PayloadFrame(5));
        await _node.Inbox.WaitFor(m => m.OriginNodeId == 3, "the valid message");

        var endpoint = _node.Manager.GetEndpoint(self);
        Assert.Equal(2, endpoint.GetStatistics().DroppedInbound);
        Assert.True(endpoint.IsAssociated);
    }

    private async Task AssertPeersStillTalk()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        _node.Send(_peer, sequence);
        _peer.Send(_node, sequence);
        await _peer.Inbox.WaitFor(m => ((TestMessage)m.Message).Sequence == sequence, $"message {sequence} at the peer");
        await _node.Inbox.WaitFor(m => m.Origin.Equals(_peer.Address) && ((TestMessage)m.Message).Sequence == sequence, $"message {sequence} at the node");
    }

    private static byte[] Prefix(int length)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        return bytes;
    }
}
