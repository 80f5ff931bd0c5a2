using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;

namespace ZabActors.ZooKeeper.Txns;

/// <summary>
/// Encodes a txn as ZooKeeper logs and proposes it: the <see cref="TxnHeader"/>, then the record of the
/// header's type. The record type follows from the header (create2 logs a CreateTxn, deleteContainer a
/// DeleteTxn); a multi is a vector of (type, buffer) pairs, each buffer one sub-record.
/// </summary>
public static class TxnCodec
{
    public static byte[] Encode(TxnHeader header, ZooTxn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        var writer = new JuteWriter();
        header.Write(writer);
        WriteRecord(writer, txn);
        return writer.ToArray();
    }

    public static (TxnHeader Header, ZooTxn Txn) Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new JuteReader(bytes);
        var header = TxnHeader.Read(ref reader);
        var txn = ReadRecord(ref reader, header.Type);
        reader.EnsureConsumed($"txn {header.Type}");
        return (header, txn);
    }

    private static void WriteRecord(JuteWriter writer, ZooTxn txn)
    {
        switch (txn)
        {
            case CreateTxn c:
                writer.WriteString(c.Path).WriteBuffer(c.Data);
                Acl.WriteList(writer, c.Acl);
                writer.WriteBool(c.Ephemeral).WriteInt(c.ParentCVersion);
                break;
            case CreateContainerTxn c:
                writer.WriteString(c.Path).WriteBuffer(c.Data);
                Acl.WriteList(writer, c.Acl);
                writer.WriteInt(c.ParentCVersion);
                break;
            case CreateTtlTxn c:
                writer.WriteString(c.Path).WriteBuffer(c.Data);
                Acl.WriteList(writer, c.Acl);
                writer.WriteInt(c.ParentCVersion).WriteLong(c.TtlMs);
                break;
            case DeleteTxn d:
                writer.WriteString(d.Path);
                break;
            case SetDataTxn s:
                writer.WriteString(s.Path).WriteBuffer(s.Data).WriteInt(s.Version);
                break;
            case CheckVersionTxn c:
                writer.WriteString(c.Path).WriteInt(c.Version);
                break;
            case SetAclTxn s:
                writer.WriteString(s.Path);
                Acl.WriteList(writer, s.Acl);
                writer.WriteInt(s.Version);
                break;
            case CreateSessionTxn s:
                writer.WriteInt(s.TimeoutMs);
                break;
            case CloseSessionTxn c:
                writer.WriteVector(c.PathsToDelete, (w, p) => w.WriteString(p));
                break;
            case ErrorTxn e:
                writer.WriteInt((int)e.Error);
                break;
            case MultiTxn m:
                writer.WriteVector(m.Txns, (w, sub) =>
                {
                    w.WriteInt((int)sub.Type);
                    var inner = new JuteWriter();
                    WriteRecord(inner, sub);
                    w.WriteBuffer(inner.Written);
                });
                break;
            default:
                throw new ArgumentException($"no encoding for txn {txn.GetType().Name}", nameof(txn));
        }
    }

    private static ZooTxn ReadRecord(ref JuteReader reader, OpCode type) => type switch
    {
        OpCode.Create or OpCode.Create2 => new CreateTxn(
            Path(ref reader), reader.ReadBuffer(), Acl.ReadList(ref reader), reader.ReadBool(), reader.ReadInt()),
        OpCode.CreateContainer => new CreateContainerTxn(Path(ref reader), reader.ReadBuffer(), Acl.ReadList(ref reader), reader.ReadInt()),
        OpCode.CreateTtl => new CreateTtlTxn(Path(ref reader), reader.ReadBuffer(), Acl.ReadList(ref reader), reader.ReadInt(), reader.ReadLong()),
        OpCode.Delete or OpCode.DeleteContainer => new DeleteTxn(Path(ref reader)),
        OpCode.SetData => new SetDataTxn(Path(ref reader), reader.ReadBuffer(), reader.ReadInt()),
        OpCode.Check => new CheckVersionTxn(Path(ref reader), reader.ReadInt()),
        OpCode.SetAcl => new SetAclTxn(Path(ref reader), Acl.ReadList(ref reader), reader.ReadInt()),
        OpCode.CreateSession => new CreateSessionTxn(reader.ReadInt()),
        OpCode.CloseSession => new CloseSessionTxn(ReadStrings(ref reader)),
        OpCode.Error => new ErrorTxn((ErrorCode)reader.ReadInt()),
        OpCode.Multi => ReadMulti(ref reader),
        _ => throw new JuteException($"txn type {(int)type} is not a txn"),
    };

    private static MultiTxn ReadMulti(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount();
        var txns = ImmutableArray.CreateBuilder<ZooTxn>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            var type = (OpCode)reader.ReadInt();
            if (type == OpCode.Multi)
            {
                throw new JuteException("a multi cannot nest a multi");
            }
            var body = reader.ReadBuffer() ?? throw new JuteException($"multi op {i} has no record");
            var inner = new JuteReader(body);
            txns.Add(ReadRecord(ref inner, type));
            inner.EnsureConsumed($"multi op {i} ({type})");
        }
        return new MultiTxn(txns.ToImmutable());
    }

    private static string Path(ref JuteReader reader) => reader.ReadRequiredString("path");

    private static ImmutableArray<string> ReadStrings(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount();
        var items = ImmutableArray.CreateBuilder<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            items.Add(reader.ReadRequiredString("path"));
        }
        return items.ToImmutable();
    }
}
