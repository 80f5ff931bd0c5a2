using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;
using ZabActors.ZooKeeper.Prep;

namespace ZabActors.ZooKeeper.Protocol;

/// <summary>
/// Encodes requests as a ZooKeeper client sends them (RequestHeader, then the op's record), without the
/// 4-byte length prefix of the frame. The inverse of <see cref="RequestCodec"/>; clients and load
/// generators use it.
/// </summary>
public static class RequestWriter
{
    public static byte[] Encode(int xid, ClientRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var writer = new JuteWriter();
        new RequestHeader(xid, TypeOf(request)).Write(writer);
        WriteBody(writer, request);
        return writer.ToArray();
    }

    public static OpCode TypeOf(ClientRequest request) => request switch
    {
        WriteRequest w => w.Op.Type,
        ReadRequest r => r.Type,
        MultiReadRequest => OpCode.MultiRead,
        AuthRequest => OpCode.Auth,
        SetWatchesRequest s => s.PersistentWatches.IsDefaultOrEmpty && s.PersistentRecursiveWatches.IsDefaultOrEmpty ? OpCode.SetWatches : OpCode.SetWatches2,
        AddWatchRequest => OpCode.AddWatch,
        RemoveWatchesRequest r => r.Remove ? OpCode.RemoveWatches : OpCode.CheckWatches,
        PingRequest => OpCode.Ping,
        WhoAmIRequest => OpCode.WhoAmI,
        _ => throw new ArgumentException($"unknown request {request.GetType().Name}", nameof(request)),
    };

    private static void WriteBody(JuteWriter writer, ClientRequest request)
    {
        switch (request)
        {
            case WriteRequest w:
                WriteOp(writer, w.Op);
                break;
            case ReadRequest r:
                writer.WriteString(r.Path);
                if (r.Type is OpCode.Exists or OpCode.GetData or OpCode.GetChildren or OpCode.GetChildren2)
                {
                    writer.WriteBool(r.Watch);
                }
                break;
            case MultiReadRequest m:
                foreach (var op in m.Ops)
                {
                    writer.WriteInt((int)op.Type).WriteBool(false).WriteInt(-1).WriteString(op.Path).WriteBool(op.Watch);
                }
                writer.WriteInt(-1).WriteBool(true).WriteInt(-1);
                break;
            case AuthRequest a:
                writer.WriteInt(a.Type).WriteString(a.Scheme).WriteBuffer(a.Credential);
                break;
            case SetWatchesRequest s:
                WriteSetWatches(writer, s);
                break;
            case AddWatchRequest a:
                writer.WriteString(a.Path).WriteInt((int)a.Mode);
                break;
            case RemoveWatchesRequest r:
                writer.WriteString(r.Path).WriteInt((int)r.Type);
                break;
        }
    }

    private static void WriteSetWatches(JuteWriter writer, SetWatchesRequest s)
    {
        writer.WriteLong(s.RelativeZxid);
        writer.WriteVector(s.DataWatches, (w, p) => w.WriteString(p));
        writer.WriteVector(s.ExistWatches, (w, p) => w.WriteString(p));
        writer.WriteVector(s.ChildWatches, (w, p) => w.WriteString(p));
        if (TypeOf(s) == OpCode.SetWatches2)
        {
            writer.WriteVector(s.PersistentWatches, (w, p) => w.WriteString(p));
            writer.WriteVector(s.PersistentRecursiveWatches, (w, p) => w.WriteString(p));
        }
    }

    private static void WriteOp(JuteWriter writer, ZooOp op)
    {
        switch (op)
        {
            case CreateOp c:
                writer.WriteString(c.Path).WriteBuffer(c.Data);
                Acl.WriteList(writer, c.Acl);
                writer.WriteInt(c.Flags);
                if (c.CreateType == OpCode.CreateTtl)
                {
                    writer.WriteLong(c.TtlMs);
                }
                break;
            case DeleteOp d:
                writer.WriteString(d.Path).WriteInt(d.Version);
                break;
            case SetDataOp s:
                writer.WriteString(s.Path).WriteBuffer(s.Data).WriteInt(s.Version);
                break;
            case SetAclOp s:
                writer.WriteString(s.Path);
                Acl.WriteList(writer, s.Acl);
                writer.WriteInt(s.Version);
                break;
            case CheckVersionOp c:
                writer.WriteString(c.Path).WriteInt(c.Version);
                break;
            case MultiOp m:
                foreach (var sub in m.Ops)
                {
                    writer.WriteInt((int)sub.Type).WriteBool(false).WriteInt(-1);
                    WriteOp(writer, sub);
                }
                writer.WriteInt(-1).WriteBool(true).WriteInt(-1);
                break;
            case CloseSessionOp or CreateSessionOp:
                break;
            default:
                throw new ArgumentException($"unknown op {op.GetType().Name}", nameof(op));
        }
    }
}
