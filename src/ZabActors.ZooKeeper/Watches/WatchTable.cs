namespace ZabActors.ZooKeeper.Watches;

/// <summary>
/// One of ZooKeeper's two watch tables (data or child): which watcher watches which path and how
/// (one-shot, persistent, persistent recursive). A path's entries are removed when their last mode goes.
/// </summary>
internal sealed class WatchTable
{
    private readonly Dictionary<string, Dictionary<long, WatchModes>> byPath = new(StringComparer.Ordinal);
    private int recursiveCount;

    public int Count => byPath.Values.Sum(w => w.Count);

    public IEnumerable<(string Path, long Watcher)> Entries() =>
        byPath.SelectMany(e => e.Value.Keys.Select(w => (e.Key, w)));

    public void Add(string path, long watcher, WatchModes mode)
    {
        if (!byPath.TryGetValue(path, out var watchers))
        {
            watchers = [];
            byPath[path] = watchers;
        }
        var before = watchers.GetValueOrDefault(watcher);
        if ((mode & WatchModes.Recursive) != 0 && (before & WatchModes.Recursive) == 0)
        {
            recursiveCount++;
        }
        watchers[watcher] = before | mode;
    }

    /// <summary>Removes the given modes; true when the watcher had any of them on the path.</summary>
    public bool Remove(string path, long watcher, WatchModes modes)
    {
        if (!byPath.TryGetValue(path, out var watchers) || !watchers.TryGetValue(watcher, out var held) || (held & modes) == 0)
        {
            return false;
        }
        Set(path, watchers, watcher, held, held & ~modes);
        return true;
    }

    public void RemoveWatcher(long watcher)
    {
        foreach (var (path, watchers) in byPath.ToList())
        {
            if (watchers.TryGetValue(watcher, out var held))
            {
                Set(path, watchers, watcher, held, WatchModes.None);
            }
        }
    }

    public bool Contains(string path, long watcher, WatchModes modes) =>
        byPath.TryGetValue(path, out var watchers) && (watchers.GetValueOrDefault(watcher) & modes) != 0;

    /// <summary>
    /// The watchers a change at <paramref name="path"/> reaches: every watcher on the path itself (its
    /// one-shot mode is used up) and the recursive watchers of every ancestor.
    /// </summary>
    public List<long> Fire(string path)
    {
        var fired = new List<long>();
        if (byPath.TryGetValue(path, out var watchers))
        {
            foreach (var (watcher, held) in watchers.ToList())
            {
                fired.Add(watcher);
                if ((held & WatchModes.Standard) != 0)
                {
                    Set(path, watchers, watcher, held, held & ~WatchModes.Standard);
                }
            }
        }
        if (recursiveCount > 0)
        {
            foreach (var ancestor in Tree.ZooPath.SelectAndAncestorsExceptSelf(path))
            {
                if (byPath.TryGetValue(ancestor, out var above))
                {
                    fired.AddRange(above.Where(e => (e.Value & WatchModes.Recursive) != 0).Select(e => e.Key));
                }
            }
        }
        return fired;
    }

    private void Set(string path, Dictionary<long, WatchModes> watchers, long watcher, WatchModes before, WatchModes after)
    {
        if ((before & WatchModes.Recursive) != 0 && (after & WatchModes.Recursive) == 0)
        {
            recursiveCount--;
        }
        if (after == WatchModes.None)
        {
            watchers.Remove(watcher);
            if (watchers.Count == 0)
            {
                byPath.Remove(path);
            }
        }
        else
        {
            watchers[watcher] = after;
        }
    }
}

/// <summary>How a watcher watches one path; a watcher may hold several modes on the same path.</summary>
[Flags]
internal enum WatchModes
{
    None = 0,
    Standard = 1,
    Persistent = 2,
    Recursive = 4,
}
