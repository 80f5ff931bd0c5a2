namespace ZabActors.Zab;

// Following or observing (ZooKeeper's Learner, Follower, Observer): one LearnerSession over one
// outgoing link, reconnecting within the init-limit window while the leader has not said anything yet
// (Learner.connectToLeader retries every leaderConnectDelayDuringRetryMs).
public sealed partial class QuorumPeer
{
    private long linkSeq;

    /// <summary>One role as follower or observer: the session with the leader, its link, and the retry window.</summary>
    private sealed class LearnerRole(long leaderSid, LearnerStart start, TimeSpan startedAt, TimeSpan nextTick)
    {
        public long LeaderSid { get; } = leaderSid;

        /// <summary>Nothing is written before LEADERINFO, so a session that never heard the leader starts afresh from it.</summary>
        public LearnerStart Start { get; } = start;

        public TimeSpan StartedAt { get; } = startedAt;

        public LearnerSession Session { get; set; } = null!;

        public Link Link { get; set; }

        public bool HeardFromLeader { get; set; }

        public TimeSpan NextTick { get; set; } = nextTick;

        public TimeSpan? ReconnectAt { get; set; }

        public bool Ended { get; set; }
    }

    private void BeginLearning(long leaderSid)
    {
        var role = new LearnerRole(leaderSid, disk!.ToLearnerStart(), now, now + options.TickTime);
        learner = role;
        Connect(role);
    }

    private void Connect(LearnerRole role)
    {
        role.Session = new LearnerSession(config, role.LeaderSid, role.Start);
        role.Link = new Link(++linkSeq, Outgoing: true);
        Send(new OpenLink(role.Link, role.LeaderSid));
        StepSession(role, StartLearning.Instance);
    }

    private void OnLeaderPacket(LinkPacket packet)
    {
        if (learner is not { } role || packet.Link != role.Link)
        {
            Send(new CloseLink(packet.Link, "not the learner's connection"));
            return;
        }
        if (packet.FromSid != role.LeaderSid)
        {
            Emit(new ProtocolViolation(packet.FromSid, $"{packet.Packet.GetType().Name} on the link to leader {role.LeaderSid}"));
            return;
        }
        role.HeardFromLeader = true;
        StepSession(role, packet.Packet);
    }

    /// <summary>A leader that refused us before it said anything may not have finished its election yet: retry.</summary>
    private void OnLeaderLinkClosed(LinkClosed closed)
    {
        if (learner is not { } role || closed.Link != role.Link || role.Ended)
        {
            return;
        }
        if (!role.HeardFromLeader && now - role.StartedAt + options.LearnerConnectRetryDelay < options.LearnerRetryWindow)
        {
            role.ReconnectAt = now + options.LearnerConnectRetryDelay;
            return;
        }
        StepSession(role, new ConnectionLost(closed.Reason));
    }

    private void StepSession(LearnerRole role, ILearnerSessionInput input)
    {
        if (role.Ended)
        {
            return;
        }
        role.Session.Step(input);
        CarryOutSession(role);
    }

    private void CarryOutSession(LearnerRole role)
    {
        var ready = role.Session.TakeOutputs();
        foreach (var op in ready.Storage)
        {
            Store(op);
        }
        foreach (var envelope in ready.Send)
        {
            Send(new SendPacket(role.Link, (QuorumPacket)envelope.Message));
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
            RouteSessionEvent(evt);
        }
    }

    private void RouteSessionEvent(IZabEvent evt)
    {
        switch (evt)
        {
            case LearnerUpToDate upToDate:
                OnRoleEstablished(upToDate.Epoch);
                break;
            case LeaderLost lost:
                EndRole(lost.Reason);
                break;
            case ClientWriteRejected rejected:
                FailOwnWrite(rejected.Data, rejected.Reason);
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
                throw new InvalidOperationException($"unexpected learner event {evt}");
        }
    }

    private void TickLearner()
    {
        if (learner is not { } role)
        {
            return;
        }
        if (now >= role.NextTick)
        {
            role.NextTick = NextTickAfter(role.NextTick);
            role.Session.Tick();
            CarryOutSession(role);
        }
        if (!role.Ended && role.ReconnectAt is { } at && now >= at)
        {
            role.ReconnectAt = null;
            Connect(role);
        }
    }

    private TimeSpan? LearnerDeadline()
    {
        var role = learner!;
        TimeSpan? next = role.NextTick;
        Consider(ref next, role.ReconnectAt);
        return next;
    }
}
