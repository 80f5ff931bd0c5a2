using ZabActors.ZooKeeper.Jute;

namespace ZabActors.ZooKeeper.Data;

/// <summary>
/// A znode's metadata as clients see it (org.apache.zookeeper.data.Stat), in jute field order:
/// creation and modification zxids and times, the three versions, the ephemeral owner, data length,
/// child count and the zxid of the last change to the children.
/// </summary>
public readonly record struct Stat(
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    int DataLength,
    int NumChildren,
    long Pzxid)
{
    public void Write(JuteWriter writer) => writer
        .WriteLong(Czxid).WriteLong(Mzxid).WriteLong(Ctime).WriteLong(Mtime)
        .WriteInt(Version).WriteInt(Cversion).WriteInt(Aversion)
        .WriteLong(EphemeralOwner).WriteInt(DataLength).WriteInt(NumChildren).WriteLong(Pzxid);

    public static Stat Read(ref JuteReader reader) => new(
        reader.ReadLong(), reader.ReadLong(), reader.ReadLong(), reader.ReadLong(),
        reader.ReadInt(), reader.ReadInt(), reader.ReadInt(),
        reader.ReadLong(), reader.ReadInt(), reader.ReadInt(), reader.ReadLong());
}
