namespace ZabActors.Zab;

/// <summary>The role a peer plays, as ZooKeeper's <c>QuorumPeer.ServerState</c>.</summary>
public enum ServerState
{
    Looking,
    Following,
    Leading,
    Observing,
}

/// <summary>Whether a member votes (<c>Participant</c>) or only learns the leader's log (<c>Observer</c>).</summary>
public enum LearnerType
{
    Participant,
    Observer,
}

/// <summary>The Zab phase a peer is in, as ZooKeeper's <c>QuorumPeer.ZabState</c>.</summary>
public enum ZabState
{
    Election,
    Discovery,
    Synchronization,
    Broadcast,
}
