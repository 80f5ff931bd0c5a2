namespace ZabActors.Zab;

// Leading (ZooKeeper's Leader.lead): LeaderDiscovery, the ProposalTracker and its forward set, and the
// routing of their events between each other, the learner handlers and the peer.
public sealed partial class QuorumPeer
{
    /// <summary>One leadership: its discovery, its proposals, its learner handlers and the forward set.</summary>
    private sealed class LeaderRole(LeaderDiscovery discovery, ProposalTracker tracker, TimeSpan nextTick)
    {
        public LeaderDiscovery Discovery { get; } = discovery;

        public ProposalTracker Tracker { get; } = tracker;

        public Dictionary<Link, LearnerHandler> ByLink { get; } = [];

        /// <summary>One handler per learner sid: a learner that reconnects replaces its old session.</summary>
        public Dictionary<long, LearnerHandler> BySid { get; } = [];

        /// <summary>The handlers that receive every proposal and commit after their history, in sid order.</summary>
        public SortedDictionary<long, LearnerHandler> Forward { get; } = [];

        public Dictionary<long, LearnerHandler> AwaitingHistory { get; } = [];

        public TimeSpan NextTick { get; set; } = nextTick;

        public bool Ended { get; set; }
    }

    private void BeginLeading()
    {
        var role = new LeaderRole(
            new LeaderDiscovery(config, disk!.ToLeaderStart()),
            new ProposalTracker(config, disk.ToLeaderHistory()),
            now + options.TickTime);
        leader = role;
        StepDiscovery(role, StartLeading.Instance);
    }

    private void StepDiscovery(LeaderRole role, ILeaderDiscoveryInput input)
    {
        if (role.Ended)
        {
            return;
        }
        role.Discovery.Step(input);
        CarryOutDiscovery(role);
    }

    private void CarryOutDiscovery(LeaderRole role)
    {
        var ready = role.Discovery.TakeOutputs();
        foreach (var op in ready.Storage)
        {
            Store(op);
        }
        foreach (var evt in ready.Events)
        {
            if (role.Ended)
            {
                return;
            }
            RouteDiscoveryEvent(role, evt);
        }
    }

    private void RouteDiscoveryEvent(LeaderRole role, IZabEvent evt)
    {
        switch (evt)
        {
            case ILearnerAddressed addressed:
                if (role.BySid.TryGetValue(addressed.Sid, out var handler))
                {
                    StepHandler(role, handler, addressed);
                }
                break;
            case LeaderEstablished established:
                StepTracker(role, established);
                OnRoleEstablished(established.Epoch);
                break;
            case LeadershipEnded ended:
                EndRole(ended.Reason);
                break;
            case ProtocolViolation violation:
                Emit(violation);
                break;
            case ZabStateChanged { State: ZabState.Synchronization }:
                Publish(ZabState.Synchronization);
                break;
            case ZabStateChanged:
                // Discovery and broadcast are published where the peer starts the role and where it is established.
                break;
            default:
                throw new InvalidOperationException($"unexpected leader event {evt}");
        }
    }

    private void StepTracker(LeaderRole role, IProposalTrackerInput input)
    {
        if (role.Ended)
        {
            return;
        }
        role.Tracker.Step(input);
        var ready = role.Tracker.TakeOutputs();
        foreach (var op in ready.Storage)
        {
            Store(op);
        }
        foreach (var txn in ready.Apply)
        {
            Apply(txn);
        }
        foreach (var evt in ready.Events)
        {
            if (role.Ended)
            {
                return;
            }
            RouteTrackerEvent(role, evt);
        }
    }

    private void RouteTrackerEvent(LeaderRole role, IZabEvent evt)
    {
        switch (evt)
        {
            case LearnerHistory history:
                StartForwarding(role, history);
                break;
            case Proposed proposed:
                Emit(new PeerTxnProposed(proposed.Txn));
                Broadcast(role, proposed);
                break;
            case Committed committed:
                Broadcast(role, committed);
                break;
            case ProposalRejected rejected:
                FailOwnWrite(rejected.Data, rejected.Reason);
                break;
            case ReElectionRequired required:
                StepDiscovery(role, new EndLeadership(required.Reason));
                break;
            case ProtocolViolation violation:
                Emit(violation);
                break;
            default:
                throw new InvalidOperationException($"unexpected proposal event {evt}");
        }
    }

    /// <summary>The handler gets its history, then every proposal and commit after it, in order (the forward set).</summary>
    private void StartForwarding(LeaderRole role, LearnerHistory history)
    {
        if (!role.AwaitingHistory.Remove(history.Sid, out var handler))
        {
            Emit(new ProtocolViolation(MyId, $"history for learner {history.Sid} that no handler asked for"));
            return;
        }
        role.Forward[history.Sid] = handler;
        StepHandler(role, handler, history);
    }

    private void Broadcast(LeaderRole role, ILearnerSyncInput item)
    {
        foreach (var handler in role.Forward.Values.ToList())
        {
            StepHandler(role, handler, item);
        }
    }

    /// <summary>
    /// Test hook, like ZooKeeper's <c>zookeeper.testingonly.initialZxid</c>: the established leader continues
    /// its zxid counter from <paramref name="counter"/>, so a test reaches the rollover without billions of writes.
    /// </summary>
    internal void SkipZxidCounterTo(long counter) =>
        (leader ?? throw new InvalidOperationException("not leading")).Tracker.SkipCounterTo(counter);

    /// <summary>One leader tick every tick-time: discovery's phase limits, or the synced-quorum check in broadcast.</summary>
    private void TickLeader()
    {
        if (leader is not { } role)
        {
            return;
        }
        if (now >= role.NextTick)
        {
            role.NextTick = NextTickAfter(role.NextTick);
            role.Discovery.Tick();
            CarryOutDiscovery(role);
        }
        foreach (var handler in role.ByLink.Values.ToList())
        {
            if (!role.Ended && !handler.Ended && now >= handler.NextTick)
            {
                handler.NextTick = NextTickAfter(handler.NextTick);
                handler.Sync.Tick();
                CarryOutHandler(role, handler);
            }
        }
    }

    private TimeSpan? LeaderDeadline()
    {
        var role = leader!;
        TimeSpan? next = role.NextTick;
        foreach (var handler in role.ByLink.Values)
        {
            Consider(ref next, handler.NextTick);
        }
        return next;
    }

    /// <summary>A periodic tick that fell behind is not replayed in a burst: it fires once and moves on, as a timer would.</summary>
    private TimeSpan NextTickAfter(TimeSpan due)
    {
        var next = due + options.TickTime;
        return next > now ? next : now + options.TickTime;
    }
}
