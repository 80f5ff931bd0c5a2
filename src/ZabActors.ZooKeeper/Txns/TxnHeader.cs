using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;

namespace ZabActors.ZooKeeper.Txns;

/// <summary>
/// Who asked for a txn and when (org.apache.zookeeper.txn.TxnHeader): the client's session and its
/// request's xid, the zxid ZAB gave it, the leader's wall-clock time (ctime/mtime come from here, so
/// every server stores the same times) and the request type.
/// </summary>
public readonly record struct TxnHeader(long ClientId, int Cxid, long Zxid, long Time, OpCode Type)
{
    public void Write(JuteWriter writer) => writer.WriteLong(ClientId).WriteInt(Cxid).WriteLong(Zxid).WriteLong(Time).WriteInt((int)Type);

    public static TxnHeader Read(ref JuteReader reader) =>
        new(reader.ReadLong(), reader.ReadInt(), reader.ReadLong(), reader.ReadLong(), (OpCode)reader.ReadInt());
}
