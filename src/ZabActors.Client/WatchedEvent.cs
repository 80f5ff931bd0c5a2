using ZabActors.ZooKeeper.Watches;

namespace ZabActors.Client;

/// <summary>What a watcher is told: a node event (with its path) or a change of the session's state (path null).</summary>
public sealed record WatchedEvent(EventType Type, KeeperState State, string? Path);

/// <summary>The session as the client sees it.</summary>
public enum SessionState
{
    Connecting,
    Connected,
    ConnectedReadOnly,
    Disconnected,
    Expired,
    Closed,
    AuthFailed,
}
