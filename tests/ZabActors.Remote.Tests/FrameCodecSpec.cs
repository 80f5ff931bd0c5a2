using System.Buffers;

namespace ZabActors.Remote.Tests;

public sealed class FrameCodecSpec
{
    private static readonly HandshakeInfo Info =
        new(FrameCodec.ProtocolVersion, 3, -42, new RemoteAddress("zab.tcp", "zab", "10.0.0.3", 2552), "ensemble");

    [Fact]
    public void Handshake_round_trips()
    {
        var frame = RawConnection.HandshakeFrame(Info);
        var reader = new SpanReader(frame);
        Assert.Equal(FrameKind.Handshake, FrameCodec.ReadHeader(ref reader));
        Assert.Equal(Info, FrameCodec.ReadHandshake(ref reader));
        Assert.Equal(Info.Address, FrameCodec.TryReadHandshakeOrigin(frame));
    }

    [Fact]
    public void Payload_header_round_trips_with_body_to_the_end()
    {
        var frame = RawConnection.Frame(b =>
        {
            FrameCodec.WritePayloadHeader(b, 77, "M", "/user/a", "/user/b");
            b.Write(new byte[] { 9, 8, 7 });
        });
        var reader = new SpanReader(frame);
        Assert.Equal(FrameKind.Payload, FrameCodec.ReadHeader(ref reader));
        FrameCodec.ReadPayloadHeader(ref reader, new Utf8StringCache(), out var id, out var manifest, out var recipient, out var sender);
        Assert.Equal((77, "M", "/user/a", "/user/b"), (id, manifest, recipient, sender));
        Assert.Equal(new byte[] { 9, 8, 7 }, reader.ReadRest().ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 2, 4 }, "unsupported protocol version 2")]
    [InlineData(new byte[] { 1, 0 }, "unknown frame kind 0")]
    [InlineData(new byte[] { 1, 99 }, "unknown frame kind 99")]
    [InlineData(new byte[] { 1 }, "shorter than its 2-byte header")]
    public void Header_rejects_unknown_versions_and_kinds(byte[] frame, string expected)
    {
        var ex = Assert.Throws<FrameFormatException>(() =>
        {
            var reader = new SpanReader(frame);
            FrameCodec.ReadHeader(ref reader);
        });
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Every_truncation_of_a_handshake_is_rejected()
    {
        var frame = RawConnection.HandshakeFrame(Info);
        for (var length = 0; length < frame.Length; length++)
            Assert.Null(FrameCodec.TryReadHandshakeOrigin(frame.AsSpan(0, length)));
    }

    [Fact]
    public void Handshake_with_an_invalid_address_is_a_format_error()
    {
        var frame = RawConnection.HandshakeFrame(Info with { Address = new RemoteAddress("zab.tcp", "zab", "h", 1) });
        frame[^(4 + 1 + "ensemble".Length + 1)] = (byte)'@';
        var ex = Assert.Throws<FrameFormatException>(() =>
        {
            var reader = new SpanReader(frame);
            FrameCodec.ReadHeader(ref reader);
            FrameCodec.ReadHandshake(ref reader);
        });
        Assert.Contains("invalid address", ex.Message);
    }
}
