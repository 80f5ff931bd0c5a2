using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;
using ZabActors.ZooKeeper.Prep;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Protocol;

/// <summary>
/// Decodes a request packet (RequestHeader then the op's record, as zookeeper.jute lays them out).
/// Anything the server does not implement (SASL, reconfig) or cannot parse is a <see cref="JuteException"/>:
/// the connection that sent it is closed with the reason, and nothing else is touched.
/// </summary>
public static class RequestCodec
{
    public static (RequestHeader Header, ClientRequest Request) Decode(ReadOnlySpan<byte> packet, int maxLength)
    {
        var reader = new JuteReader(packet, maxLength);
        var header = RequestHeader.Read(ref reader);
        var request = DecodeBody(ref reader, header.Type);
        reader.EnsureConsumed($"request {header.Type}");
        return (header, request);
    }

    private static ClientRequest DecodeBody(ref JuteReader reader, OpCode type) => type switch
    {
        OpCode.Ping => PingRequest.Instance,
        OpCode.WhoAmI => WhoAmIRequest.Instance,
        OpCode.CloseSession => new WriteRequest(CloseSessionOp.Instance),
        OpCode.Multi => new WriteRequest(ReadMulti(ref reader)),
        OpCode.MultiRead => ReadMultiRead(ref reader),
        OpCode.Auth => new AuthRequest(reader.ReadInt(), Required(ref reader), reader.ReadBuffer() ?? []),
        OpCode.SetWatches => ReadSetWatches(ref reader, persistent: false),
        OpCode.SetWatches2 => ReadSetWatches(ref reader, persistent: true),
        OpCode.AddWatch => new AddWatchRequest(Required(ref reader), ReadAddWatchMode(ref reader)),
        OpCode.CheckWatches or OpCode.RemoveWatches => new RemoveWatchesRequest(Required(ref reader), ReadWatcherType(ref reader), type == OpCode.RemoveWatches),
        OpCode.Exists or OpCode.GetData or OpCode.GetChildren or OpCode.GetChildren2 => new ReadRequest(type, Required(ref reader), reader.ReadBool()),
        OpCode.GetAcl or OpCode.Sync or OpCode.GetAllChildrenNumber or OpCode.GetEphemerals => new ReadRequest(type, Required(ref reader), false),
        _ => new WriteRequest(ReadWriteOp(ref reader, type)),
    };

    /// <summary>The record of a write op: shared by plain requests and a multi's ops.</summary>
    private static ZooOp ReadWriteOp(ref JuteReader reader, OpCode type) => type switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer =>
            new CreateOp(type, Required(ref reader), reader.ReadBuffer(), Acl.ReadList(ref reader), reader.ReadInt()),
        OpCode.CreateTtl => ReadCreateTtl(ref reader),
        OpCode.Delete or OpCode.DeleteContainer => new DeleteOp(Required(ref reader), reader.ReadInt()),
        OpCode.SetData => new SetDataOp(Required(ref reader), reader.ReadBuffer(), reader.ReadInt()),
        OpCode.SetAcl => new SetAclOp(Required(ref reader), Acl.ReadList(ref reader), reader.ReadInt()),
        OpCode.Check => new CheckVersionOp(Required(ref reader), reader.ReadInt()),
        _ => throw new JuteException($"op type {(int)type} is not supported"),
    };

    private static CreateOp ReadCreateTtl(ref JuteReader reader)
    {
        var path = Required(ref reader);
        var data = reader.ReadBuffer();
        var acl = Acl.ReadList(ref reader);
        var flags = reader.ReadInt();
        return new CreateOp(OpCode.CreateTtl, path, data, acl, flags, reader.ReadLong());
    }

    private static MultiOp ReadMulti(ref JuteReader reader)
    {
        var ops = ImmutableArray.CreateBuilder<ZooOp>();
        while (true)
        {
            var (type, done) = ReadMultiHeader(ref reader);
            if (done)
            {
                return new MultiOp(ops.ToImmutable());
            }
            if (type is OpCode.Multi or OpCode.MultiRead)
            {
                throw new JuteException("a multi cannot nest a multi");
            }
            ops.Add(ReadWriteOp(ref reader, type));
        }
    }

    private static MultiReadRequest ReadMultiRead(ref JuteReader reader)
    {
        var ops = ImmutableArray.CreateBuilder<ReadRequest>();
        while (true)
        {
            var (type, done) = ReadMultiHeader(ref reader);
            if (done)
            {
                return new MultiReadRequest(ops.ToImmutable());
            }
            if (type is not (OpCode.GetData or OpCode.GetChildren))
            {
                throw new JuteException($"multiRead takes getData and getChildren, not {type}");
            }
            ops.Add(new ReadRequest(type, Required(ref reader), reader.ReadBool()));
        }
    }

    /// <summary>MultiHeader: type, done, err. Every op record follows its header; done ends the list.</summary>
    private static (OpCode Type, bool Done) ReadMultiHeader(ref JuteReader reader)
    {
        var type = (OpCode)reader.ReadInt();
        var done = reader.ReadBool();
        reader.ReadInt();
        return (type, done);
    }

    private static SetWatchesRequest ReadSetWatches(ref JuteReader reader, bool persistent) => new(
        reader.ReadLong(),
        Strings(ref reader),
        Strings(ref reader),
        Strings(ref reader),
        persistent ? Strings(ref reader) : [],
        persistent ? Strings(ref reader) : []);

    private static AddWatchMode ReadAddWatchMode(ref JuteReader reader) => reader.ReadInt() switch
    {
        0 => AddWatchMode.Persistent,
        1 => AddWatchMode.PersistentRecursive,
        var mode => throw new JuteException($"addWatch mode {mode} is unknown"),
    };

    private static WatcherType ReadWatcherType(ref JuteReader reader)
    {
        var type = reader.ReadInt();
        return type is >= 1 and <= 5 ? (WatcherType)type : throw new JuteException($"watcher type {type} is unknown");
    }

    private static ImmutableArray<string> Strings(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount();
        var items = ImmutableArray.CreateBuilder<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            items.Add(Required(ref reader));
        }
        return items.ToImmutable();
    }

    private static string Required(ref JuteReader reader) => reader.ReadRequiredString("path");
}
