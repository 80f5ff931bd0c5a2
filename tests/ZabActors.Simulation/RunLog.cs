using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Runtime;
using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>
/// The run's verbose trace: history events and the peers' other events (elections, role ends, protocol
/// violations they refused, storage warnings), stamped with global virtual time. Silent unless verbose.
/// </summary>
public sealed class RunLog(VirtualScheduler scheduler, TextWriter? verbose)
{
    public TextWriter? Verbose => verbose;

    public void Trace(HistoryEvent evt) => verbose?.WriteLine($"{TraceTime.Format(scheduler.Elapsed)} {evt.Describe()}");

    /// <summary>An event of a peer that no checker needs, for the verbose trace only.</summary>
    public void Note(SimulatedPeer peer, IPeerEvent evt) => verbose?.WriteLine($"{TraceTime.Format(scheduler.Elapsed)} peer {peer} {evt}");
}
