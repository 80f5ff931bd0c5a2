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
    private readonly SnapshotInterval interval;
    private int untilSnapshot;

    public StateMachineApplier(long myId, IStateMachine stateMachine, PeerProgress progress, EventStream events, IActorRef root, int snapCount)
    {
        interval = new SnapshotInterval(snapCount, myId);
        untilSnapshot = interval.Next();
        this.myId = myId;
        this.stateMachine = stateMachine;
        this.progress = progress;
        this.events = events;
        this.root = root;
        progress.LastAppliedZxid = stateMachine.LastApplied;
    }

    public Zxid LastApplied => stateMachine.LastApplied;

    /// <summary>Applies <paramref name="txn"/>; when a snapshot is due (<see cref="SnapshotInterval"/>) it goes to <paramref name="txnLog"/>.</summary>
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
        if (--untilSnapshot <= 0)
        {
            // Serializing is the only pause broadcast takes; the TxnLogActor writes it on its own thread.
            untilSnapshot = interval.Next();
            txnLog.Tell(new SaveSnapshot(stateMachine.TakeSnapshot()), ActorRefs.NoSender);
        }
    }

    public void Restore(Snapshot snapshot)
    {
        stateMachine.Restore(snapshot);
        progress.LastAppliedZxid = stateMachine.LastApplied;
        untilSnapshot = interval.Next();
    }

    public Snapshot TakeSnapshot() => stateMachine.TakeSnapshot();
}
