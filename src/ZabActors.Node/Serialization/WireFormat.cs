using System.Buffers;
using ZabActors.Remote;
using ZabActors.Remote.Serialization;
using ZabActors.Zab;

namespace ZabActors.Node.Serialization;

/// <summary>
/// The shared primitives of the ZAB serializers: zig-zag varints for ids and epochs (small, sometimes
/// -1), fixed eight bytes for zxids (their epoch sits in the high bits, so a varint would not save
/// anything), length-prefixed payloads, and checked enums. Every reader throws
/// <see cref="FrameFormatException"/> on bad input, never an index or cast error.
/// </summary>
internal static class WireFormat
{
    public static void WriteSigned(this IBufferWriter<byte> output, long value) =>
        output.WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public static long ReadSigned(ref SpanReader reader)
    {
        var raw = reader.ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public static void WriteZxid(this IBufferWriter<byte> output, Zxid zxid) => output.WriteInt64(zxid.Value);

    public static Zxid ReadZxid(ref SpanReader reader) => new(reader.ReadInt64());

    public static void WritePayload(this IBufferWriter<byte> output, Bytes data) => output.WriteBytes(data.Span);

    public static Bytes ReadPayload(ref SpanReader reader) => Bytes.CopyFrom(reader.ReadBytes());

    public static void WriteTxn(this IBufferWriter<byte> output, Txn txn)
    {
        output.WriteZxid(txn.Zxid);
        output.WritePayload(txn.Data);
    }

    public static Txn ReadTxn(ref SpanReader reader)
    {
        var zxid = ReadZxid(ref reader);
        return new Txn(zxid, ReadPayload(ref reader));
    }

    public static void WriteState(this IBufferWriter<byte> output, ServerState state) => output.WriteByte((byte)state);

    public static ServerState ReadState(ref SpanReader reader)
    {
        var value = reader.ReadByte();
        return value <= (byte)ServerState.Observing
            ? (ServerState)value
            : throw new FrameFormatException($"server state {value} is not one of LOOKING, FOLLOWING, LEADING, OBSERVING");
    }

    public static void WriteOptional(this IBufferWriter<byte> output, long? value)
    {
        output.WriteByte(value.HasValue ? (byte)1 : (byte)0);
        if (value is { } v)
            output.WriteSigned(v);
    }

    public static long? ReadOptional(ref SpanReader reader) => reader.ReadByte() switch
    {
        0 => null,
        1 => ReadSigned(ref reader),
        var flag => throw new FrameFormatException($"presence flag {flag} is neither 0 nor 1"),
    };

    public static void WriteBool(this IBufferWriter<byte> output, bool value) => output.WriteByte(value ? (byte)1 : (byte)0);

    public static bool ReadBool(ref SpanReader reader) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var flag => throw new FrameFormatException($"boolean {flag} is neither 0 nor 1"),
    };

    /// <summary>A count that must be plausible for what is left: each element takes at least <paramref name="minBytesEach"/> bytes.</summary>
    public static int ReadCount(ref SpanReader reader, int minBytesEach)
    {
        var count = reader.ReadVarUInt64();
        if (count > (ulong)(reader.Remaining / Math.Max(1, minBytesEach)))
            throw new FrameFormatException($"count {count} cannot fit in the {reader.Remaining} bytes left");
        return (int)count;
    }

    /// <summary>Serializes with <paramref name="write"/> into a fresh array (the ISerializer.ToBinary(object) path).</summary>
    public static byte[] ToArray(object message, Action<object, IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        write(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static FrameFormatException UnknownTag(string what, byte tag) => new($"unknown {what} tag {tag}");

    public static NotSerializableException CannotSerialize(string serializer, object message) =>
        new($"{serializer} cannot serialize {message.GetType().FullName}");
}
