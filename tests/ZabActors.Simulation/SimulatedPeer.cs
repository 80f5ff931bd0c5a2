using ZabActors.Simulation.Workload;
using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>
/// One process lifetime of a simulated server: its <see cref="QuorumPeer"/>, the <see cref="PeerDriver"/>
/// that carries out the peer's outputs through the simulation's effects, its state machine, and whether
/// it is still alive. Everything that reports on behalf of the incarnation checks <see cref="Alive"/>.
/// </summary>
public sealed class SimulatedPeer(long sid, int number)
{
    public long Sid { get; } = sid;

    public int Number { get; } = number;

    public bool Alive { get; private set; } = true;

    /// <summary>Why the incarnation stopped by itself (unreadable or failed storage); null for a crash or a live one.</summary>
    public string? StopReason { get; private set; }

    public QuorumPeer Core { get; internal set; } = null!;

    public PeerDriver Driver { get; internal set; } = null!;

    public ReplicatedLogMachine Machine { get; internal set; } = null!;

    /// <summary>The peer clock's reading at the last <see cref="PeerTick"/> it was given.</summary>
    internal TimeSpan LastTick { get; set; } = TimeSpan.MinValue;

    /// <summary>The deadline the armed wake-up is for, and the token that invalidates older wake-ups.</summary>
    internal TimeSpan? ArmedFor { get; set; }

    internal long WakeToken { get; set; }

    public void Kill(string? stopReason = null)
    {
        Alive = false;
        StopReason ??= stopReason;
    }

    public override string ToString() => $"{Sid}#{Number}";
}
