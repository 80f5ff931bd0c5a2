using System.Reflection;
using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// Owns the leader's <see cref="ProposalTracker"/>, the forward set (the handlers that receive every
/// proposal and commit, keyed by learner sid) and, while leading, the peer's state machine: it turns
/// client writes and learners' REQUESTs into proposals, hands them to the TxnLogActor, counts acks,
/// applies committed transactions, and takes snapshots for learners that need a SNAP.
/// </summary>
internal sealed class ProposalActor : ReceiveActor
{
    private static readonly MethodInfo? SkipCounterHook =
        typeof(ProposalTracker).GetMethod("SkipCounterTo", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly long myId;
    private readonly ProposalTracker tracker;
    private readonly IActorRef txnLog;
    private readonly StateMachineApplier applier;
    private readonly IActorRef root;
    private readonly SortedDictionary<long, IActorRef> forward = [];
    private readonly Dictionary<long, IActorRef> awaitingHistory = [];

    public ProposalActor(PeerConfig config, LeaderHistory history, IActorRef txnLog, StateMachineApplier applier, IActorRef root)
    {
        myId = config.MyId;
        tracker = new ProposalTracker(config, history);
        this.txnLog = txnLog;
        this.applier = applier;
        this.root = root;
        Receive<HistoryRequest>(request =>
        {
            awaitingHistory[request.Sid] = Sender;
            Step(request);
        });
        Receive<AckReceived>(ack => Step(ack));
        Receive<LearnerRequest>(request => Step(request));
        Receive<LogDurable>(durable => Step(durable));
        Receive<LeaderEstablished>(established => Step(established));
        Receive<SubmitWrite>(write => Step(new Propose(write.Data)));
        Receive<SnapshotRequest>(request => Sender.Tell(new LeaderSnapshot(request.Sid, applier.TakeSnapshot()), Self));
        Receive<StopForwarding>(stop => StopForwardingTo(stop.Sid, Sender));
        Receive<StorageFailed>(failed => Context.Parent.Tell(failed, Self));
        Receive<SkipZxidCounter>(skip => SkipCounterHook?.Invoke(tracker, [skip.Counter]));
    }

    public static Props Props(PeerConfig config, LeaderHistory history, IActorRef txnLog, StateMachineApplier applier, IActorRef root) =>
        Actors.Props.Create(() => new ProposalActor(config, history, txnLog, applier, root));

    private void Step(IProposalTrackerInput input)
    {
        tracker.Step(input);
        var ready = tracker.TakeOutputs();
        foreach (var op in ready.Storage)
        {
            txnLog.Tell(new StorageRequest(op), Self);
        }
        foreach (var txn in ready.Apply)
        {
            applier.Apply(txn, txnLog);
        }
        foreach (var evt in ready.Events)
        {
            Route(evt);
        }
    }

    private void Route(IZabEvent evt)
    {
        switch (evt)
        {
            case LearnerHistory history:
                StartForwarding(history);
                break;
            case Proposed proposed:
                Context.System.EventStream.Publish(new TxnProposed(myId, proposed.Txn));
                Broadcast(proposed);
                break;
            case Committed committed:
                Broadcast(committed);
                break;
            case ProposalRejected rejected:
                if (ClientTxn.TryDecode(rejected.Data, out var origin, out var seq) && origin == myId)
                {
                    root.Tell(new LocalWriteFailed(seq, rejected.Reason), Self);
                }
                break;
            case ReElectionRequired required:
                Log.LogWarning("{Reason}", required.Reason);
                Context.Parent.Tell(required, Self);
                break;
            case ProtocolViolation violation:
                Log.LogWarning("proposals: {Violation}", violation);
                break;
            default:
                Log.LogWarning("proposals: unexpected event {Event}", evt);
                break;
        }
    }

    /// <summary>The handler gets its history, then every proposal and commit after it, in order (the forward set).</summary>
    private void StartForwarding(LearnerHistory history)
    {
        if (!awaitingHistory.Remove(history.Sid, out var handler))
        {
            Log.LogWarning("history for learner {Sid} that no handler asked for", history.Sid);
            return;
        }
        handler.Tell(history, Self);
        forward[history.Sid] = handler;
    }

    private void StopForwardingTo(long sid, IActorRef handler)
    {
        if (forward.TryGetValue(sid, out var current) && current.Equals(handler))
        {
            forward.Remove(sid);
        }
        if (awaitingHistory.TryGetValue(sid, out var waiting) && waiting.Equals(handler))
        {
            awaitingHistory.Remove(sid);
        }
    }

    private void Broadcast(object message)
    {
        foreach (var handler in forward.Values)
        {
            handler.Tell(message, Self);
        }
    }
}
