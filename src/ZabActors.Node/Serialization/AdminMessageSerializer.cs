using Akka.Actor;
using Akka.Serialization;
using ZabActors.Node.Admin;
using ZabActors.Quorum;
using ZabActors.Zab;
using ClientWrite = ZabActors.Quorum.ClientWrite;

namespace ZabActors.Node.Serialization;

/// <summary>
/// Carries the admin protocol between a node and the command-line tools: the admin endpoint's own
/// messages and the peer's client protocol it forwards (<see cref="ClientWrite"/>, <see cref="WriteCommitted"/>,
/// <see cref="WriteFailed"/>, <see cref="GetPeerStatus"/>, <see cref="PeerStatus"/>). Each message is its
/// fields in little-endian binary under a one-letter manifest; anything malformed is an
/// <see cref="InvalidDataException"/>. Its id sits outside Akka's reserved range and apart from the
/// transport's (4100, 4101) and the journal's (4200).
/// </summary>
public sealed class AdminMessageSerializer : SerializerWithStringManifest
{
    public const int Id = 4300;

    /// <summary>The HOCON that registers this serializer and binds the admin protocol to it.</summary>
    public const string Hocon = """
        akka.actor.serializers.zab-admin = "ZabActors.Node.Serialization.AdminMessageSerializer, zabactors"
        akka.actor.serialization-bindings {
          "ZabActors.Node.Admin.GetHistory, zabactors" = zab-admin
          "ZabActors.Node.Admin.HistoryChunk, zabactors" = zab-admin
          "ZabActors.Node.Admin.PartitionFrom, zabactors" = zab-admin
          "ZabActors.Node.Admin.HealPartitions, zabactors" = zab-admin
          "ZabActors.Node.Admin.AdminAck, zabactors" = zab-admin
          "ZabActors.Node.Admin.AdminRefused, zabactors" = zab-admin
          "ZabActors.Node.Admin.GetNodeStatus, zabactors" = zab-admin
          "ZabActors.Node.Admin.NodeStatus, zabactors" = zab-admin
          "ZabActors.Quorum.ClientWrite, ZabActors.Quorum" = zab-admin
          "ZabActors.Quorum.WriteCommitted, ZabActors.Quorum" = zab-admin
          "ZabActors.Quorum.WriteFailed, ZabActors.Quorum" = zab-admin
          "ZabActors.Quorum.GetPeerStatus, ZabActors.Quorum" = zab-admin
          "ZabActors.Quorum.PeerStatus, ZabActors.Quorum" = zab-admin
        }
        """;

    public AdminMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        GetHistory => "H",
        HistoryChunk => "C",
        PartitionFrom => "P",
        HealPartitions => "L",
        AdminAck => "A",
        AdminRefused => "R",
        GetNodeStatus => "N",
        NodeStatus => "S",
        ClientWrite => "W",
        WriteCommitted => "M",
        WriteFailed => "F",
        GetPeerStatus => "G",
        PeerStatus => "T",
        _ => throw new ArgumentException($"{nameof(AdminMessageSerializer)} cannot serialize {o.GetType().FullName}"),
    };

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            Write(writer, obj);
        }
        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        try
        {
            var message = Read(reader, manifest);
            if (reader.BaseStream.Position != bytes.Length)
            {
                throw new InvalidDataException($"admin message '{manifest}' has {bytes.Length - reader.BaseStream.Position} bytes left over");
            }
            return message;
        }
        catch (IOException e)
        {
            // Past the end, or a string length out of range.
            throw new InvalidDataException($"admin message '{manifest}' is truncated or malformed: {e.Message}", e);
        }
        catch (FormatException e)
        {
            // A string's length prefix that is not a valid 7-bit encoded integer.
            throw new InvalidDataException($"admin message '{manifest}' has a malformed string: {e.Message}", e);
        }
    }

    private static void Write(BinaryWriter writer, object message)
    {
        switch (message)
        {
            case GetHistory get:
                writer.Write(get.After.Value);
                writer.Write(get.MaxEntries);
                break;
            case HistoryChunk chunk:
                WriteHistory(writer, chunk);
                break;
            case PartitionFrom partition:
                writer.Write(partition.ServerIds.Count);
                foreach (var sid in partition.ServerIds)
                {
                    writer.Write(sid);
                }
                break;
            case AdminRefused refused:
                writer.Write(refused.Reason);
                break;
            case NodeStatus status:
                WriteStatus(writer, status.Peer);
                writer.Write((byte)status.Phase);
                break;
            case PeerStatus status:
                WriteStatus(writer, status);
                break;
            case ClientWrite write:
                writer.Write(write.RequestId);
                WriteBytes(writer, write.Data);
                break;
            case WriteCommitted committed:
                writer.Write(committed.RequestId);
                writer.Write(committed.Zxid.Value);
                break;
            case WriteFailed failed:
                writer.Write(failed.RequestId);
                writer.Write(failed.Reason);
                break;
            case HealPartitions or AdminAck or GetNodeStatus or GetPeerStatus:
                break;
            default:
                throw new ArgumentException($"{nameof(AdminMessageSerializer)} cannot serialize {message.GetType().FullName}");
        }
    }

    private static object Read(BinaryReader reader, string manifest) => manifest switch
    {
        "H" => new GetHistory(new Zxid(reader.ReadInt64()), NonNegative(reader.ReadInt32(), "history size")),
        "C" => ReadHistory(reader),
        "P" => new PartitionFrom([.. Enumerable.Range(0, Count(reader, 8)).Select(_ => reader.ReadInt64())]),
        "L" => HealPartitions.Instance,
        "A" => AdminAck.Instance,
        "R" => new AdminRefused(reader.ReadString()),
        "N" => GetNodeStatus.Instance,
        "S" => new NodeStatus(ReadStatus(reader), ReadPhase(reader.ReadByte())),
        "T" => ReadStatus(reader),
        "W" => new ClientWrite(reader.ReadInt64(), ReadBytes(reader)),
        "M" => new WriteCommitted(reader.ReadInt64(), new Zxid(reader.ReadInt64())),
        "F" => new WriteFailed(reader.ReadInt64(), reader.ReadString()),
        "G" => GetPeerStatus.Instance,
        _ => throw new InvalidDataException($"unknown admin message manifest '{manifest}'"),
    };

    private static void WriteHistory(BinaryWriter writer, HistoryChunk chunk)
    {
        writer.Write(chunk.LastApplied.Value);
        writer.Write(chunk.More);
        writer.Write(chunk.Entries.Count);
        foreach (var entry in chunk.Entries)
        {
            writer.Write(entry.Zxid.Value);
            writer.Write(entry.OriginSid);
            WriteBytes(writer, entry.Payload.Span);
        }
    }

    private static HistoryChunk ReadHistory(BinaryReader reader)
    {
        var lastApplied = new Zxid(reader.ReadInt64());
        var more = reader.ReadBoolean();
        // An entry takes at least 20 bytes: its zxid, its origin and its payload's length.
        var count = Count(reader, 20);
        var entries = new List<HistoryEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var zxid = new Zxid(reader.ReadInt64());
            var origin = reader.ReadInt64();
            entries.Add(new HistoryEntry(zxid, origin, Bytes.Wrap(ReadBytes(reader))));
        }
        return new HistoryChunk(entries, lastApplied, more);
    }

    private static void WriteStatus(BinaryWriter writer, PeerStatus status)
    {
        writer.Write(status.Sid);
        writer.Write((byte)status.State);
        writer.Write(status.AcceptedEpoch);
        writer.Write(status.CurrentEpoch);
        writer.Write(status.LastLoggedZxid.Value);
        writer.Write(status.LastAppliedZxid.Value);
        writer.Write(status.LeaderSid.HasValue);
        writer.Write(status.LeaderSid ?? 0);
        writer.Write((byte)status.Phase);
    }

    private static PeerStatus ReadStatus(BinaryReader reader)
    {
        var sid = reader.ReadInt64();
        var state = reader.ReadByte();
        if (state > (byte)ServerState.Observing)
        {
            throw new InvalidDataException($"server state {state} is not one of LOOKING, FOLLOWING, LEADING, OBSERVING");
        }
        var accepted = reader.ReadInt64();
        var current = reader.ReadInt64();
        var logged = new Zxid(reader.ReadInt64());
        var applied = new Zxid(reader.ReadInt64());
        var hasLeader = reader.ReadBoolean();
        var leader = reader.ReadInt64();
        return new PeerStatus(sid, (ServerState)state, accepted, current, logged, applied, hasLeader ? leader : null, ReadPhase(reader.ReadByte()));
    }

    private static ZabState ReadPhase(byte value) => value <= (byte)ZabState.Broadcast
        ? (ZabState)value
        : throw new InvalidDataException($"Zab phase {value} is not one of ELECTION, DISCOVERY, SYNCHRONIZATION, BROADCAST");

    private static void WriteBytes(BinaryWriter writer, ReadOnlySpan<byte> data)
    {
        writer.Write(data.Length);
        writer.Write(data);
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        var length = Count(reader, 1);
        return reader.ReadBytes(length);
    }

    // A count must fit in what is left, so a corrupt length cannot allocate a huge buffer.
    private static int Count(BinaryReader reader, int minBytesEach)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * minBytesEach > left)
        {
            throw new InvalidDataException($"count {count} cannot fit in the {left} bytes left");
        }
        return count;
    }

    private static int NonNegative(int value, string what) =>
        value >= 0 ? value : throw new InvalidDataException($"{what} {value} is negative");
}
