using ZabActors.ZooKeeper.Tree;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.Client;

/// <summary>
/// The client's side of watches (ZooKeeper's ZKWatchManager): which callbacks wait on which path in the
/// data, exist, child and persistent tables, which ones a notification fires (one-shot ones are removed),
/// and the lists a reconnecting client sends in setWatches. Thread-safe.
/// </summary>
internal sealed class ClientWatches
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<Action<WatchedEvent>>> data = [];
    private readonly Dictionary<string, List<Action<WatchedEvent>>> exist = [];
    private readonly Dictionary<string, List<Action<WatchedEvent>>> child = [];
    private readonly Dictionary<string, List<Action<WatchedEvent>>> persistent = [];
    private readonly Dictionary<string, List<Action<WatchedEvent>>> recursive = [];

    public void AddData(string path, Action<WatchedEvent> watcher) => Add(data, path, watcher);

    public void AddExist(string path, Action<WatchedEvent> watcher) => Add(exist, path, watcher);

    public void AddChild(string path, Action<WatchedEvent> watcher) => Add(child, path, watcher);

    public void AddPersistent(string path, Action<WatchedEvent> watcher, AddWatchMode mode) =>
        Add(mode == AddWatchMode.PersistentRecursive ? recursive : persistent, path, watcher);

    /// <summary>The callbacks one notification reaches; one-shot registrations are used up.</summary>
    public List<Action<WatchedEvent>> Fire(EventType type, string path)
    {
        var fired = new List<Action<WatchedEvent>>();
        lock (gate)
        {
            switch (type)
            {
                case EventType.NodeCreated or EventType.NodeDataChanged:
                    Take(data, path, fired);
                    Take(exist, path, fired);
                    break;
                case EventType.NodeChildrenChanged:
                    Take(child, path, fired);
                    break;
                case EventType.NodeDeleted:
                    Take(data, path, fired);
                    Take(exist, path, fired);
                    Take(child, path, fired);
                    break;
            }
            if (persistent.TryGetValue(path, out var watchers))
            {
                fired.AddRange(watchers);
            }
            if (type != EventType.NodeChildrenChanged)
            {
                foreach (var ancestor in ZooPath.SelfAndAncestors(path))
                {
                    if (recursive.TryGetValue(ancestor, out var above))
                    {
                        fired.AddRange(above);
                    }
                }
            }
        }
        return [.. fired.Distinct()];
    }

    /// <summary>Every callback, for session events (disconnect, expiry) that all watchers hear.</summary>
    public List<Action<WatchedEvent>> All()
    {
        lock (gate)
        {
            return [.. new[] { data, exist, child, persistent, recursive }.SelectMany(t => t.Values.SelectMany(w => w)).Distinct()];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            foreach (var table in new[] { data, exist, child, persistent, recursive })
            {
                table.Clear();
            }
        }
    }

    public (string[] Data, string[] Exist, string[] Child, string[] Persistent, string[] Recursive) Paths()
    {
        lock (gate)
        {
            return ([.. data.Keys], [.. exist.Keys], [.. child.Keys], [.. persistent.Keys], [.. recursive.Keys]);
        }
    }

    private void Add(Dictionary<string, List<Action<WatchedEvent>>> table, string path, Action<WatchedEvent> watcher)
    {
        lock (gate)
        {
            if (!table.TryGetValue(path, out var watchers))
            {
                watchers = [];
                table[path] = watchers;
            }
            if (!watchers.Contains(watcher))
            {
                watchers.Add(watcher);
            }
        }
    }

    private static void Take(Dictionary<string, List<Action<WatchedEvent>>> table, string path, List<Action<WatchedEvent>> into)
    {
        if (table.Remove(path, out var watchers))
        {
            into.AddRange(watchers);
        }
    }
}
