using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;

namespace ZabActors.ZooKeeper.Tree;

// The tree's snapshot: what a restarted server loads before replaying its log, and the payload of a
// SNAP sync. Layout (jute encoding): magic, version, last zxid, sessions (id, timeout), then every node
// parents first (path, data, ACL, persisted stat), ended by a null path.
public sealed partial class DataTree
{
    private const int SnapshotMagic = 0x5A4B534E; // "ZKSN"
    private const int SnapshotVersion = 1;

    public byte[] Serialize()
    {
        var writer = new JuteWriter(4096);
        writer.WriteInt(SnapshotMagic).WriteInt(SnapshotVersion).WriteLong(LastProcessedZxid);
        writer.WriteInt(sessions.Count);
        foreach (var (id, timeout) in sessions)
        {
            writer.WriteLong(id).WriteInt(timeout);
        }
        foreach (var path in Paths())
        {
            var node = nodes[path];
            writer.WriteString(path).WriteBuffer(node.Data);
            Acl.WriteList(writer, node.Acl);
            writer.WriteLong(node.Czxid).WriteLong(node.Mzxid).WriteLong(node.Ctime).WriteLong(node.Mtime)
                .WriteInt(node.Version).WriteInt(node.Cversion).WriteInt(node.Aversion)
                .WriteLong(node.EphemeralOwner).WriteLong(node.Pzxid);
        }
        writer.WriteString(null);
        return writer.ToArray();
    }

    /// <summary>Rebuilds a tree from <see cref="Serialize"/>'s bytes; malformed bytes are a <see cref="JuteException"/>.</summary>
    public static DataTree Deserialize(ReadOnlySpan<byte> bytes)
    {
        var reader = new JuteReader(bytes);
        if (reader.ReadInt() != SnapshotMagic)
        {
            throw new JuteException("not a data tree snapshot (bad magic)");
        }
        var version = reader.ReadInt();
        if (version != SnapshotVersion)
        {
            throw new JuteException($"data tree snapshot version {version} is not supported");
        }
        var tree = new DataTree { LastProcessedZxid = reader.ReadLong() };
        tree.nodes.Clear();
        var sessionCount = reader.ReadVectorCount();
        for (var i = 0; i < sessionCount; i++)
        {
            tree.sessions[reader.ReadLong()] = reader.ReadInt();
        }
        while (reader.ReadString() is { } path)
        {
            tree.RestoreNode(path, ref reader);
        }
        reader.EnsureConsumed("data tree snapshot");
        if (!tree.nodes.ContainsKey(ZooPath.Root))
        {
            throw new JuteException("data tree snapshot has no root");
        }
        return tree;
    }

    private void RestoreNode(string path, ref JuteReader reader)
    {
        var data = reader.ReadBuffer();
        var acl = Acl.ReadList(ref reader);
        var node = new DataNode(data, acl, reader.ReadLong(), 0, 0)
        {
            Mzxid = reader.ReadLong(),
            Ctime = reader.ReadLong(),
            Mtime = reader.ReadLong(),
            Version = reader.ReadInt(),
            Cversion = reader.ReadInt(),
            Aversion = reader.ReadInt(),
            EphemeralOwner = reader.ReadLong(),
            Pzxid = reader.ReadLong(),
        };
        if (path != ZooPath.Root)
        {
            // Parents come first; a snapshot that breaks that is corrupt.
            if (!nodes.TryGetValue(ZooPath.Parent(path), out var parent) || nodes.ContainsKey(path))
            {
                throw new JuteException($"data tree snapshot: node {path} out of order");
            }
            parent.Children.Add(ZooPath.Name(path));
        }
        nodes[path] = node;
        var session = EphemeralOwner.Session(node.EphemeralOwner);
        if (session != 0)
        {
            EphemeralSet(session).Add(path);
        }
    }
}
