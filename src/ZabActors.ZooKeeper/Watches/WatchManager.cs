using ZabActors.ZooKeeper.Tree;

namespace ZabActors.ZooKeeper.Watches;

/// <summary>
/// The watches of one server (ZooKeeper's two WatchManagers of DataTree): exists and getData register
/// in the data table, getChildren in the child table, addWatch's persistent mode in both and its
/// recursive mode in the data table only. <see cref="Trigger"/> turns one change reported by the tree
/// into the events to deliver, in ZooKeeper's order, firing each watcher at most once per change.
/// Watchers are numbers (connection ids); the manager knows nothing of sockets.
/// </summary>
public sealed class WatchManager
{
    private readonly WatchTable data = new();
    private readonly WatchTable child = new();

    public int DataWatchCount => data.Count;

    public int ChildWatchCount => child.Count;

    /// <summary>(path, watcher) pairs of both tables, for the wchc/wchp four-letter words.</summary>
    public IEnumerable<(string Path, long Watcher)> Entries() => data.Entries().Concat(child.Entries()).Distinct();

    /// <summary>A one-shot watch from exists or getData.</summary>
    public void AddDataWatch(string path, long watcher) => data.Add(path, watcher, WatchModes.Standard);

    /// <summary>A one-shot watch from getChildren.</summary>
    public void AddChildWatch(string path, long watcher) => child.Add(path, watcher, WatchModes.Standard);

    public void AddPersistentWatch(string path, long watcher, AddWatchMode mode)
    {
        if (mode == AddWatchMode.PersistentRecursive)
        {
            data.Add(path, watcher, WatchModes.Recursive);
        }
        else
        {
            data.Add(path, watcher, WatchModes.Persistent);
            child.Add(path, watcher, WatchModes.Persistent);
        }
    }

    /// <summary>The events one change fires. A delete reaches data and child watchers, each once.</summary>
    public IReadOnlyList<WatchEvent> Trigger(WatchTrigger trigger)
    {
        var (path, type) = trigger;
        return type switch
        {
            EventType.NodeCreated or EventType.NodeDataChanged => Events(data.Fire(path), type, path),
            EventType.NodeChildrenChanged => Events(child.Fire(path), type, path),
            EventType.NodeDeleted => Events(data.Fire(path).Concat(child.Fire(path)), type, path),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), type, "not a change event"),
        };
    }

    /// <summary>Whether the watcher has a watch of <paramref name="type"/> on the path (checkWatches).</summary>
    public bool Has(string path, long watcher, WatcherType type) => type switch
    {
        WatcherType.Children => child.Contains(path, watcher, WatchModes.Standard),
        WatcherType.Data => data.Contains(path, watcher, WatchModes.Standard),
        WatcherType.Persistent => data.Contains(path, watcher, WatchModes.Persistent),
        WatcherType.PersistentRecursive => data.Contains(path, watcher, WatchModes.Recursive),
        WatcherType.Any => child.Contains(path, watcher, WatchModes.Standard | WatchModes.Persistent)
            || data.Contains(path, watcher, WatchModes.Standard | WatchModes.Persistent | WatchModes.Recursive),
        _ => false,
    };

    /// <summary>removeWatches: true when something was removed (else the client gets NOWATCHER).</summary>
    public bool Remove(string path, long watcher, WatcherType type) => type switch
    {
        WatcherType.Children => child.Remove(path, watcher, WatchModes.Standard),
        WatcherType.Data => data.Remove(path, watcher, WatchModes.Standard),
        WatcherType.Persistent => data.Remove(path, watcher, WatchModes.Persistent) | child.Remove(path, watcher, WatchModes.Persistent),
        WatcherType.PersistentRecursive => data.Remove(path, watcher, WatchModes.Recursive),
        WatcherType.Any => data.Remove(path, watcher, WatchModes.Standard | WatchModes.Persistent | WatchModes.Recursive)
            | child.Remove(path, watcher, WatchModes.Standard | WatchModes.Persistent),
        _ => false,
    };

    /// <summary>The watcher's connection is gone: it watches nothing any more.</summary>
    public void RemoveWatcher(long watcher)
    {
        data.RemoveWatcher(watcher);
        child.RemoveWatcher(watcher);
    }

    private static List<WatchEvent> Events(IEnumerable<long> watchers, EventType type, string path) =>
        [.. watchers.Distinct().Select(w => new WatchEvent(w, type, path))];
}
