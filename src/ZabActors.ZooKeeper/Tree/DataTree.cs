using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Txns;

namespace ZabActors.ZooKeeper.Tree;

/// <summary>
/// ZooKeeper's replicated state (DataTree plus the sessions of ZKDatabase): every znode by path, the
/// ephemerals of each session, the open sessions with their timeouts, and the zxid of the last txn
/// applied. It changes only through <see cref="Apply"/>, so every server that applies the same txns in
/// zxid order holds the same tree; each change reports the watch events it triggers, for the
/// watch manager to fire. Partial files: DataTree.Apply.cs (txns), DataTree.Reads.cs (queries).
/// </summary>
public sealed partial class DataTree
{
    /// <summary>ZooKeeper's own subtree, present on every server: /zookeeper and /zookeeper/quota.</summary>
    public const string ProcZookeeper = "/zookeeper";
    public const string QuotaZookeeper = "/zookeeper/quota";
    public const string ConfigZookeeper = "/zookeeper/config";

    private readonly Dictionary<string, DataNode> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SortedSet<string>> ephemerals = [];
    private readonly SortedDictionary<long, int> sessions = [];

    public DataTree()
    {
        nodes[ZooPath.Root] = new DataNode([], Acl.OpenUnsafe, 0, 0, EphemeralOwner.None);
        AddSystemNode(ProcZookeeper);
        AddSystemNode(QuotaZookeeper);
        AddSystemNode(ConfigZookeeper);
    }

    /// <summary>The zxid of the last txn applied (0 for a fresh tree).</summary>
    public long LastProcessedZxid { get; private set; }

    public int NodeCount => nodes.Count;

    /// <summary>Open sessions and their negotiated timeouts, by session id.</summary>
    public IReadOnlyDictionary<long, int> Sessions => sessions;

    public DataNode? GetNode(string path) => nodes.GetValueOrDefault(path);

    /// <summary>The ephemeral paths a session owns, sorted.</summary>
    public IReadOnlyList<string> EphemeralsOf(long sessionId) =>
        ephemerals.TryGetValue(sessionId, out var paths) ? [.. paths] : [];

    /// <summary>Every session that owns ephemerals, with their paths.</summary>
    public IEnumerable<(long Session, IReadOnlyList<string> Paths)> AllEphemerals() =>
        ephemerals.OrderBy(e => e.Key).Select(e => (e.Key, (IReadOnlyList<string>)[.. e.Value]));

    /// <summary>Every path in the tree, parents before children (the order a snapshot writes them).</summary>
    public IEnumerable<string> Paths()
    {
        var pending = new Stack<string>();
        pending.Push(ZooPath.Root);
        while (pending.Count > 0)
        {
            var path = pending.Pop();
            yield return path;
            foreach (var child in nodes[path].Children.Reverse())
            {
                pending.Push(ZooPath.Child(path, child));
            }
        }
    }

    private void AddSystemNode(string path)
    {
        nodes[path] = new DataNode([], Acl.OpenUnsafe, 0, 0, EphemeralOwner.None);
        nodes[ZooPath.Parent(path)].Children.Add(ZooPath.Name(path));
    }
}
