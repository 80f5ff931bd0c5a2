using ZabActors.Actors;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote;

/// <summary>
/// Test hooks of <see cref="Remoting"/>: network partitions and resets through the failure injector,
/// which the setup must enable (<see cref="RemoteSetup.WithFailureInjector"/>).
/// </summary>
public sealed partial class Remoting
{
    /// <summary>
    /// Cuts this node off from the node at <paramref name="peer"/>, both ways: frames are dropped and new
    /// connections fail. The association dies and both sides' failure detectors declare the other terminated.
    /// </summary>
    public void Partition(Address peer) => RequireInjector().Block(peer.ToRemoteAddress());

    /// <summary>Ends a partition (or any failure mode) with <paramref name="peer"/>; the nodes reconnect when they next send.</summary>
    public void Heal(Address peer) => RequireInjector().Heal(peer.ToRemoteAddress());

    /// <summary>Closes the connections with <paramref name="peer"/>, as a connection reset would.</summary>
    public void Disconnect(Address peer) => RequireInjector().Disconnect(peer.ToRemoteAddress());

    /// <summary>Applies any <see cref="FailureMode"/> (loss, delay) to the traffic with <paramref name="peer"/>.</summary>
    public void SetFailureMode(Address peer, FailureMode mode) => RequireInjector().SetMode(peer.ToRemoteAddress(), mode);

    private FailureInjectorTransportAdapter RequireInjector() =>
        FailureInjector ?? throw new InvalidOperationException(
            "failure injection is off for this node; build its RemoteSetup with WithFailureInjector(seed)");
}
