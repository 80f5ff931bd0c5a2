using System.Buffers;
using ZabActors.Node.Admin;
using ZabActors.Remote.Serialization;
using ZabActors.Zab;

namespace ZabActors.Node.Serialization;

/// <summary>
/// Carries the admin endpoint's own messages (<see cref="GetHistory"/>, <see cref="HistoryChunk"/>,
/// <see cref="PartitionFrom"/>, <see cref="HealPartitions"/>, <see cref="AdminAck"/>,
/// <see cref="AdminRefused"/>, <see cref="GetNodeStatus"/>, <see cref="NodeStatus"/>), each as a tag byte and its fields.
/// </summary>
public sealed class AdminMessageSerializer : ISerializer
{
    public const int Id = 103;
    private const byte GetHistoryTag = 1;
    private const byte HistoryTag = 2;
    private const byte PartitionTag = 3;
    private const byte HealTag = 4;
    private const byte AckTag = 5;
    private const byte RefusedTag = 6;
    private const byte GetNodeStatusTag = 7;
    private const byte NodeStatusTag = 8;

    /// <summary>The message types this serializer is bound to.</summary>
    public static IReadOnlyList<Type> Types { get; } =
        [typeof(GetHistory), typeof(HistoryChunk), typeof(PartitionFrom), typeof(HealPartitions), typeof(AdminAck), typeof(AdminRefused),
        typeof(GetNodeStatus), typeof(NodeStatus)];

    public int Identifier => Id;

    public string Manifest(object message) => "";

    public byte[] ToBinary(object message) => WireFormat.ToArray(message, ToBinary);

    public void ToBinary(object message, IBufferWriter<byte> output)
    {
        switch (message)
        {
            case GetHistory get:
                output.WriteByte(GetHistoryTag);
                output.WriteZxid(get.After);
                output.WriteSigned(get.MaxEntries);
                break;
            case HistoryChunk chunk:
                WriteHistory(output, chunk);
                break;
            case PartitionFrom partition:
                output.WriteByte(PartitionTag);
                output.WriteVarUInt64((ulong)partition.ServerIds.Count);
                foreach (var sid in partition.ServerIds)
                    output.WriteSigned(sid);
                break;
            case HealPartitions:
                output.WriteByte(HealTag);
                break;
            case AdminAck:
                output.WriteByte(AckTag);
                break;
            case GetNodeStatus:
                output.WriteByte(GetNodeStatusTag);
                break;
            case NodeStatus status:
                output.WriteByte(NodeStatusTag);
                ClientMessageSerializer.WriteStatusFields(output, status.Peer);
                output.WriteByte((byte)status.Phase);
                break;
            case AdminRefused refused:
                output.WriteByte(RefusedTag);
                output.WriteString(refused.Reason);
                break;
            default:
                throw WireFormat.CannotSerialize(nameof(AdminMessageSerializer), message);
        }
    }

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new SpanReader(bytes);
        var tag = reader.ReadByte();
        object message = tag switch
        {
            GetHistoryTag => ReadGetHistory(ref reader),
            HistoryTag => ReadHistory(ref reader),
            PartitionTag => ReadPartition(ref reader),
            HealTag => HealPartitions.Instance,
            AckTag => AdminAck.Instance,
            RefusedTag => new AdminRefused(reader.ReadString()),
            GetNodeStatusTag => GetNodeStatus.Instance,
            NodeStatusTag => new NodeStatus(ClientMessageSerializer.ReadStatus(ref reader), ReadPhase(ref reader)),
            _ => throw WireFormat.UnknownTag("admin message", tag),
        };
        reader.EnsureConsumed();
        return message;
    }

    private static GetHistory ReadGetHistory(ref SpanReader reader)
    {
        var after = WireFormat.ReadZxid(ref reader);
        var max = WireFormat.ReadSigned(ref reader);
        if (max is < 0 or > int.MaxValue)
            throw new Remote.FrameFormatException($"history size {max} is out of range");
        return new GetHistory(after, (int)max);
    }

    private static void WriteHistory(IBufferWriter<byte> output, HistoryChunk chunk)
    {
        output.WriteByte(HistoryTag);
        output.WriteZxid(chunk.LastApplied);
        output.WriteBool(chunk.More);
        output.WriteVarUInt64((ulong)chunk.Entries.Count);
        foreach (var entry in chunk.Entries)
        {
            output.WriteZxid(entry.Zxid);
            output.WriteSigned(entry.OriginSid);
            output.WritePayload(entry.Payload);
        }
    }

    private static HistoryChunk ReadHistory(ref SpanReader reader)
    {
        var lastApplied = WireFormat.ReadZxid(ref reader);
        var more = WireFormat.ReadBool(ref reader);
        // An entry takes at least 10 bytes: an 8-byte zxid, an origin and a payload length.
        var count = WireFormat.ReadCount(ref reader, 10);
        var entries = new List<HistoryEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var zxid = WireFormat.ReadZxid(ref reader);
            var origin = WireFormat.ReadSigned(ref reader);
            entries.Add(new HistoryEntry(zxid, origin, WireFormat.ReadPayload(ref reader)));
        }
        return new HistoryChunk(entries, lastApplied, more);
    }

    private static ZabState ReadPhase(ref SpanReader reader)
    {
        var value = reader.ReadByte();
        return value <= (byte)ZabState.Broadcast
            ? (ZabState)value
            : throw new Remote.FrameFormatException($"Zab phase {value} is not one of ELECTION, DISCOVERY, SYNCHRONIZATION, BROADCAST");
    }

    private static PartitionFrom ReadPartition(ref SpanReader reader)
    {
        var count = WireFormat.ReadCount(ref reader, 1);
        var ids = new long[count];
        for (var i = 0; i < count; i++)
            ids[i] = WireFormat.ReadSigned(ref reader);
        return new PartitionFrom(ids);
    }
}
