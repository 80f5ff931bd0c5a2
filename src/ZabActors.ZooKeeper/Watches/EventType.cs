namespace ZabActors.ZooKeeper.Watches;

/// <summary>Watch event types with ZooKeeper's wire values (Watcher.Event.EventType).</summary>
public enum EventType
{
    None = -1,
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
    DataWatchRemoved = 5,
    ChildWatchRemoved = 6,
    PersistentWatchRemoved = 7,
}

/// <summary>Session states with ZooKeeper's wire values (Watcher.Event.KeeperState).</summary>
public enum KeeperState
{
    Disconnected = 0,
    SyncConnected = 3,
    AuthFailed = 4,
    ConnectedReadOnly = 5,
    SaslAuthenticated = 6,
    Expired = -112,
    Closed = 7,
}

/// <summary>A change that may fire watches: the tree reports these, the watch manager fires them.</summary>
public readonly record struct WatchTrigger(string Path, EventType Type);
