using System.Buffers;
using ZabActors.Remote.Serialization;

namespace ZabActors.Remote;

/// <summary>
/// The association protocol's wire format. The transport prefixes every frame with its length (4 bytes,
/// big-endian); a frame is then <c>[version:1][kind:1][body]</c> where the body depends on
/// <see cref="FrameKind"/> (integers little-endian, strings as varint length + UTF-8):
/// <list type="bullet">
/// <item>Handshake, HandshakeAck: nodeId:i64, uid:i64, protocol, system, host, port:i32, cookie</item>
/// <item>Reject: reason:u8, detail</item>
/// <item>Heartbeat: empty</item>
/// <item>Payload: serializerId:i32, manifest, recipient, sender (empty: none), message bytes to the end</item>
/// <item>Disassociate: reason:u8</item>
/// </list>
/// Decoding throws <see cref="FrameFormatException"/> on anything else.
/// </summary>
public static class FrameCodec
{
    public const byte ProtocolVersion = 1;

    public static void WriteHandshake(IBufferWriter<byte> output, HandshakeInfo info, bool ack)
    {
        WriteHeader(output, ack ? FrameKind.HandshakeAck : FrameKind.Handshake, info.ProtocolVersion);
        output.WriteInt64(info.NodeId);
        output.WriteInt64(info.Uid);
        output.WriteString(info.Address.Protocol);
        output.WriteString(info.Address.System);
        output.WriteString(info.Address.Host);
        output.WriteInt32(info.Address.Port);
        output.WriteString(info.Cookie);
    }

    public static void WriteReject(IBufferWriter<byte> output, RejectReason reason, string detail)
    {
        WriteHeader(output, FrameKind.Reject);
        output.WriteByte((byte)reason);
        output.WriteString(detail);
    }

    public static void WriteHeartbeat(IBufferWriter<byte> output) => WriteHeader(output, FrameKind.Heartbeat);

    public static void WriteDisassociate(IBufferWriter<byte> output, DisassociateReason reason)
    {
        WriteHeader(output, FrameKind.Disassociate);
        output.WriteByte((byte)reason);
    }

    /// <summary>Writes everything of a payload frame but the message bytes, which the serializer appends.</summary>
    public static void WritePayloadHeader(IBufferWriter<byte> output, int serializerId, string manifest, string recipient, string? sender)
    {
        WriteHeader(output, FrameKind.Payload);
        output.WriteInt32(serializerId);
        output.WriteString(manifest);
        output.WriteString(recipient);
        output.WriteString(sender ?? "");
    }

    /// <summary>Reads version and kind; rejects unknown versions and kinds.</summary>
    public static FrameKind ReadHeader(ref SpanReader reader)
    {
        if (reader.Remaining < 2)
            throw new FrameFormatException($"frame of {reader.Remaining} bytes is shorter than its 2-byte header");
        var version = reader.ReadByte();
        var kind = reader.ReadByte();
        if (version != ProtocolVersion)
            throw new FrameFormatException($"unsupported protocol version {version} (this node speaks {ProtocolVersion})");
        if (kind is < (byte)FrameKind.Handshake or > (byte)FrameKind.Disassociate)
            throw new FrameFormatException($"unknown frame kind {kind}");
        return (FrameKind)kind;
    }

    public static HandshakeInfo ReadHandshake(ref SpanReader reader)
    {
        var nodeId = reader.ReadInt64();
        var uid = reader.ReadInt64();
        var protocol = reader.ReadString();
        var system = reader.ReadString();
        var host = reader.ReadString();
        var port = reader.ReadInt32();
        var cookie = reader.ReadString();
        reader.EnsureConsumed();
        RemoteAddress address;
        try
        {
            address = new RemoteAddress(protocol, system, host, port);
        }
        catch (ArgumentException e)
        {
            throw new FrameFormatException($"handshake carries an invalid address: {e.Message}");
        }
        return new HandshakeInfo(ProtocolVersion, nodeId, uid, address, cookie);
    }

    public static (RejectReason Reason, string Detail) ReadReject(ref SpanReader reader)
    {
        var reason = (RejectReason)reader.ReadByte();
        var detail = reader.ReadString();
        reader.EnsureConsumed();
        return (reason, detail);
    }

    public static DisassociateReason ReadDisassociate(ref SpanReader reader)
    {
        var reason = (DisassociateReason)reader.ReadByte();
        reader.EnsureConsumed();
        return reason;
    }

    internal static void ReadPayloadHeader(
        ref SpanReader reader, Utf8StringCache strings, out int serializerId, out string manifest, out string recipient, out string? sender)
    {
        serializerId = reader.ReadInt32();
        manifest = reader.ReadString(strings);
        recipient = reader.ReadString(strings);
        var s = reader.ReadString(strings);
        sender = s.Length == 0 ? null : s;
        if (recipient.Length == 0)
            throw new FrameFormatException("payload frame without a recipient");
    }

    /// <summary>
    /// The advertised address in a (well-formed) Handshake or HandshakeAck frame, null for any other
    /// input. Lets transport adapters learn who is behind an inbound connection.
    /// </summary>
    public static RemoteAddress? TryReadHandshakeOrigin(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new SpanReader(frame);
            var kind = ReadHeader(ref reader);
            return kind is FrameKind.Handshake or FrameKind.HandshakeAck ? ReadHandshake(ref reader).Address : null;
        }
        catch (FrameFormatException)
        {
            return null;
        }
    }

    private static void WriteHeader(IBufferWriter<byte> output, FrameKind kind, byte version = ProtocolVersion)
    {
        var span = output.GetSpan(2);
        span[0] = version;
        span[1] = (byte)kind;
        output.Advance(2);
    }
}
