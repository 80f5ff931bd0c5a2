using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// The peer's state machine as lent to its current applier (the ProposalActor while leading, the
/// FollowerActor or ObserverActor while learning): it applies committed transactions in order,
/// publishes <see cref="TxnDelivered"/>, and tells the root when one of its own clients' writes is
/// applied. Only one role actor uses it at a time: the root starts a role only after the previous
/// one has terminated.
/// </summary>
internal sealed class StateMachineApplier
{
    private readonly long myId;
    private readonly IStateMachine stateMachine;
    private readonly PeerProgress progress;
    private readonly EventStream events;
    private readonly IActorRef root;
    private readonly int snapCount;
    private int sinceSnapshot;

    public StateMachineApplier(long myId, IStateMachine stateMachine, PeerProgress progress, EventStream events, IActorRef root, int snapCount)
    {
        this.snapCount = snapCount;
        this.myId = myId;
        this.stateMachine = stateMachine;
        this.progress = progress;
        this.events = events;
        this.root = root;
        progress.LastAppliedZxid = stateMachine.LastApplied;
    }

    public Zxid LastApplied => stateMachine.LastApplied;

    /// <summary>Applies <paramref name="txn"/>; every snap-count transactions a snapshot goes to <paramref name="txnLog"/>.</summary>
    public void Apply(Txn txn, IActorRef txnLog)
    {
        var last = stateMachine.LastApplied;
        if (txn.Zxid <= last)
        {
            throw new InvalidOperationException($"applying {txn.Zxid} after {last}: transactions must ascend");
        }
        stateMachine.Apply(txn);
        progress.LastAppliedZxid = txn.Zxid;
        events.Publish(new TxnDelivered(myId, txn));
        if (ClientTxn.TryDecode(txn.Data, out var origin, out var seq) && origin == myId)
        {
            root.Tell(new LocalWriteCommitted(seq, txn.Zxid), ActorRefs.NoSender);
        }
        if (++sinceSnapshot >= snapCount)
        {
            sinceSnapshot = 0;
            txnLog.Tell(new SaveSnapshot(stateMachine.TakeSnapshot()), ActorRefs.NoSender);
        }
    }

    public void Restore(Snapshot snapshot)
    {
        stateMachine.Restore(snapshot);
        progress.LastAppliedZxid = stateMachine.LastApplied;
        sinceSnapshot = 0;
    }

    public Snapshot TakeSnapshot() => stateMachine.TakeSnapshot();
}
