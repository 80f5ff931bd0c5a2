using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;

namespace ZabActors.ZooKeeper.Protocol;

/// <summary>In front of every request after the connect: the client's xid and the op type.</summary>
public readonly record struct RequestHeader(int Xid, OpCode Type)
{
    public void Write(JuteWriter writer) => writer.WriteInt(Xid).WriteInt((int)Type);

    public static RequestHeader Read(ref JuteReader reader) => new(reader.ReadInt(), (OpCode)reader.ReadInt());
}

/// <summary>In front of every reply: the xid it answers, the server's last zxid, and the result code.</summary>
public readonly record struct ReplyHeader(int Xid, long Zxid, ErrorCode Error)
{
    public void Write(JuteWriter writer) => writer.WriteInt(Xid).WriteLong(Zxid).WriteInt((int)Error);

    public static ReplyHeader Read(ref JuteReader reader) => new(reader.ReadInt(), reader.ReadLong(), (ErrorCode)reader.ReadInt());
}

/// <summary>The reserved xids of ZooKeeper's client protocol.</summary>
public static class Xids
{
    /// <summary>A watch notification (WatcherEvent) from the server.</summary>
    public const int Notification = -1;

    public const int Ping = -2;

    public const int Auth = -4;

    public const int SetWatches = -8;
}
