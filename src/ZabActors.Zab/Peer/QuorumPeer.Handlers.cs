namespace ZabActors.Zab;

// The leader's learner handlers (ZooKeeper's LearnerHandler): one LearnerSync per incoming link, one
// current handler per learner sid, and the routing of each handler's events.
public sealed partial class QuorumPeer
{
    /// <summary>The leader's conversation with the learner on one incoming link, and that link's tick.</summary>
    private sealed class LearnerHandler(Link link, long expectedSid, LearnerSync sync, TimeSpan nextTick)
    {
        public Link Link { get; } = link;

        /// <summary>The sid the network vouches for on this link; a learner may not claim another.</summary>
        public long ExpectedSid { get; } = expectedSid;

        public LearnerSync Sync { get; } = sync;

        public TimeSpan NextTick { get; set; } = nextTick;

        public bool Ended { get; set; }
    }

    private void AcceptLearner(LinkOpened opened)
    {
        var role = leader!;
        if (role.ByLink.ContainsKey(opened.Link))
        {
            Emit(new ProtocolViolation(opened.FromSid, $"{opened.Link} opened twice"));
            return;
        }
        role.ByLink[opened.Link] = new LearnerHandler(opened.Link, opened.FromSid, new LearnerSync(config), now + options.TickTime);
    }

    private void OnLearnerPacket(LinkPacket packet)
    {
        var role = leader!;
        if (!role.ByLink.TryGetValue(packet.Link, out var handler))
        {
            Send(new CloseLink(packet.Link, "no learner handler for this connection"));
            return;
        }
        var claimed = packet.Packet switch
        {
            FollowerInfo info => info.Sid,
            ObserverInfo info => info.Sid,
            _ => packet.FromSid,
        };
        if (packet.FromSid != handler.ExpectedSid || claimed != handler.ExpectedSid)
        {
            Emit(new ProtocolViolation(packet.FromSid, $"{packet.Packet.GetType().Name} claiming {claimed} on the link of server {handler.ExpectedSid}"));
            StepHandler(role, handler, new EndLearnerSession(handler.Sync.Sid, "packet from the wrong server"));
            return;
        }
        StepHandler(role, handler, packet.Packet);
    }

    private void OnLearnerLinkClosed(LinkClosed closed)
    {
        if (leader is { } role && role.ByLink.TryGetValue(closed.Link, out var handler))
        {
            StepHandler(role, handler, new EndLearnerSession(handler.Sync.Sid, $"connection closed: {closed.Reason}"));
        }
    }

    private void StepHandler(LeaderRole role, LearnerHandler handler, ILearnerSyncInput input)
    {
        if (role.Ended || handler.Ended)
        {
            return;
        }
        handler.Sync.Step(input);
        CarryOutHandler(role, handler);
    }

    private void CarryOutHandler(LeaderRole role, LearnerHandler handler)
    {
        var ready = handler.Sync.TakeOutputs();
        foreach (var envelope in ready.Send)
        {
            Send(new SendPacket(handler.Link, (QuorumPacket)envelope.Message));
        }
        foreach (var evt in ready.Events)
        {
            if (role.Ended)
            {
                return;
            }
            RouteHandlerEvent(role, handler, evt);
        }
    }

    private void RouteHandlerEvent(LeaderRole role, LearnerHandler handler, IZabEvent evt)
    {
        switch (evt)
        {
            case LearnerInfoReceived info:
                OnLearnerInfo(role, handler, info);
                break;
            case EpochAcked or NewLeaderAcked:
                var sid = evt is EpochAcked acked ? acked.Sid : ((NewLeaderAcked)evt).Sid;
                if (role.BySid.TryGetValue(sid, out var current) && current == handler)
                {
                    StepDiscovery(role, (ILeaderDiscoveryInput)evt);
                }
                break;
            case HistoryRequest request:
                role.AwaitingHistory[request.Sid] = handler;
                StepTracker(role, request);
                break;
            case AckReceived or LearnerRequest:
                StepTracker(role, (IProposalTrackerInput)evt);
                break;
            case SnapshotRequest request:
                StepHandler(role, handler, new LeaderSnapshot(request.Sid, stateMachine.TakeSnapshot()));
                break;
            case LearnerSessionEnded ended:
                OnHandlerEnded(role, handler, ended);
                break;
            case ProtocolViolation violation:
                Emit(violation);
                break;
            default:
                throw new InvalidOperationException($"unexpected learner handler event {evt}");
        }
    }

    /// <summary>
    /// One handler per sid: a learner that reconnects replaces its old session, which ends first, so that
    /// discovery and the forward set (both keyed by sid) never see two sessions of one learner.
    /// </summary>
    private void OnLearnerInfo(LeaderRole role, LearnerHandler handler, LearnerInfoReceived info)
    {
        if (role.BySid.TryGetValue(info.Sid, out var old) && old != handler)
        {
            role.BySid.Remove(info.Sid);
            StepDiscovery(role, new LearnerSessionEnded(info.Sid, "replaced by a new connection"));
            StepTracker(role, new LearnerSessionEnded(info.Sid, "replaced by a new connection"));
            StepHandler(role, old, new EndLearnerSession(info.Sid, "replaced by a new connection"));
        }
        role.BySid[info.Sid] = handler;
        StepDiscovery(role, info);
    }

    /// <summary>The session is over: its link closes, it leaves the forward set, and discovery hears if it was the current one.</summary>
    private void OnHandlerEnded(LeaderRole role, LearnerHandler handler, LearnerSessionEnded ended)
    {
        handler.Ended = true;
        role.ByLink.Remove(handler.Link);
        Send(new CloseLink(handler.Link, ended.Reason));
        if (role.Forward.TryGetValue(ended.Sid, out var forwarded) && forwarded == handler)
        {
            role.Forward.Remove(ended.Sid);
        }
        if (role.AwaitingHistory.TryGetValue(ended.Sid, out var waiting) && waiting == handler)
        {
            role.AwaitingHistory.Remove(ended.Sid);
        }
        if (role.BySid.TryGetValue(ended.Sid, out var current) && current == handler)
        {
            role.BySid.Remove(ended.Sid);
            StepDiscovery(role, ended);
            StepTracker(role, ended);
        }
    }
}
