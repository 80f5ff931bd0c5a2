namespace ZabActors.FaultCampaign.Campaign;

/// <summary>The faults a round can inject.</summary>
public enum FaultKind
{
    /// <summary>SIGKILL of the server that leads.</summary>
    KillLeader,

    /// <summary>SIGKILL of a server that does not lead (a follower or an observer).</summary>
    KillFollower,

    /// <summary>Start again every server killed in an earlier round and left down.</summary>
    RestartKilled,

    /// <summary>Cut one server off from all others, both ways, then heal (the node's partition hook).</summary>
    Partition,

    /// <summary>SIGSTOP one server, then SIGCONT: a process that freezes and comes back with stale beliefs.</summary>
    Pause,
}

/// <summary>A fault in place: what was done, and how to undo it at the end of its hold.</summary>
internal sealed record InjectedFault(FaultKind Kind, long? Target, string Description, Func<Task<string>> HealAsync);
