using ZabActors.Actors;
using ZabActors.Quorum;
using ZabActors.Simulation.Checkers;

namespace ZabActors.Simulation;

/// <summary>
/// Subscribes to one peer incarnation's event stream and turns what the peer publishes into history,
/// synchronously (a mailbox-less ref), so a leader's broadcast is recorded before any delivery of it.
/// A crashed incarnation's events are dropped: a dead process is silent.
/// </summary>
internal sealed class EventTap : MinimalActorRef
{
    private readonly ActorSystem system;
    private readonly PeerIncarnation incarnation;
    private readonly IHistorySink history;
    private readonly Action<object> onPeerEvent;

    /// <param name="onPeerEvent">sees state changes and establishments first, for the cluster's view of each peer.</param>
    public EventTap(ActorSystem system, PeerIncarnation incarnation, IHistorySink history, Action<object> onPeerEvent)
    {
        this.system = system;
        this.incarnation = incarnation;
        this.history = history;
        this.onPeerEvent = onPeerEvent;
        Path = system.Provider.RootPath / "simulation-tap";
    }

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider => system.Provider;

    public void Subscribe()
    {
        system.EventStream.Subscribe(this, typeof(PeerStateChanged));
        system.EventStream.Subscribe(this, typeof(LeaderEstablishedEvent));
        system.EventStream.Subscribe(this, typeof(TxnProposed));
    }

    public override void Tell(object message, IActorRef? sender)
    {
        if (!incarnation.Alive) return;
        switch (message)
        {
            case PeerStateChanged changed:
                onPeerEvent(changed);
                history.Record(new SimulatorAction($"state {changed.Sid} {changed.State} leader {changed.LeaderSid?.ToString() ?? "-"} epoch {changed.Epoch}"));
                break;
            case LeaderEstablishedEvent established:
                onPeerEvent(established);
                history.Record(new LeaderEstablishedObserved(established.Sid, established.Epoch));
                break;
            case TxnProposed proposed:
                history.Record(new TxnBroadcast(proposed.Sid, proposed.Txn));
                break;
        }
    }
}
