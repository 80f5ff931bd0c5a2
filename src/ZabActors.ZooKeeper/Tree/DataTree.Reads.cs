namespace ZabActors.ZooKeeper.Tree;

// Queries served from the local tree (reads never go through ZAB).
public sealed partial class DataTree
{
    /// <summary>How many nodes lie below <paramref name="path"/> at any depth (getAllChildrenNumber).</summary>
    public int AllChildrenNumber(string path)
    {
        if (!nodes.TryGetValue(path, out var node))
        {
            return -1;
        }
        var count = 0;
        var pending = new Stack<(string Path, DataNode Node)>();
        pending.Push((path, node));
        while (pending.Count > 0)
        {
            var (current, currentNode) = pending.Pop();
            foreach (var name in currentNode.Children)
            {
                var childPath = ZooPath.Child(current, name);
                count++;
                pending.Push((childPath, nodes[childPath]));
            }
        }
        return count;
    }

    /// <summary>The session's ephemerals whose path starts with <paramref name="prefix"/> (getEphemerals).</summary>
    public IReadOnlyList<string> EphemeralsUnder(long sessionId, string prefix) =>
        [.. EphemeralsOf(sessionId).Where(p => p.StartsWith(prefix, StringComparison.Ordinal))];
}
