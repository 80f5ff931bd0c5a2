namespace ZabActors.ZooKeeper.Watches;

/// <summary>A fired watch: <see cref="Watcher"/> (a connection or session id) gets <see cref="Type"/> for <see cref="Path"/>.</summary>
public readonly record struct WatchEvent(long Watcher, EventType Type, string Path);

/// <summary>What a watch is registered for: the wire values of removeWatches' WatcherType.</summary>
public enum WatcherType
{
    Children = 1,
    Data = 2,
    Any = 3,
    Persistent = 4,
    PersistentRecursive = 5,
}

/// <summary>addWatch's modes with their wire values (ZooDefs.AddWatchModes).</summary>
public enum AddWatchMode
{
    Persistent = 0,
    PersistentRecursive = 1,
}
