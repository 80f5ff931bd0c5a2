using ZabActors.Actors;
using ZabActors.Simulation.Workload;

namespace ZabActors.Simulation;

/// <summary>
/// One process lifetime of a simulated server: its actor system on the shared runtime, the root
/// QuorumPeerActor, and whether it is still alive. Everything that reports on behalf of the
/// incarnation (event tap, state machine, client replies) checks <see cref="Alive"/> first.
/// </summary>
public sealed class PeerIncarnation(long sid, int number)
{
    public long Sid { get; } = sid;

    public int Number { get; } = number;

    public bool Alive { get; private set; } = true;

    public ActorSystem System { get; internal set; } = null!;

    public IActorRef Root { get; internal set; } = null!;

    /// <summary>The state machine the peer created last (the one it applies to).</summary>
    public ReplicatedLogMachine? Machine { get; internal set; }

    /// <summary>The ref clients of this incarnation send from, so its replies reach the workload.</summary>
    public IActorRef ClientRef { get; internal set; } = null!;

    internal EventTap Tap { get; set; } = null!;

    public void Kill() => Alive = false;

    public override string ToString() => $"{Sid}#{Number}";
}
