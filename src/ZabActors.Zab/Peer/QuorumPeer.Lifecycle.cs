namespace ZabActors.Zab;

// The peer's lifecycle: recovering from disk, LOOKING, starting the role the election chose, the
// role reaching broadcast, the role ending (any reason) and the fresh disk read that follows, and
// stopping for good when storage fails.
public sealed partial class QuorumPeer
{
    private PeerDisk? disk;
    private int incarnation;
    private TimeSpan lookingSince;
    private TimeSpan roleSince;
    private LeaderRole? leader;
    private LearnerRole? learner;

    private void OnStart(PeerStart start)
    {
        if (phase != Phase.NotStarted)
        {
            throw new InvalidOperationException("the peer was started twice");
        }
        now = Max(now, start.Now);
        electionClockAt = now;
        nextWriteSeq = start.FirstWriteSeq;
        if (!Restore(start))
        {
            return;
        }
        keptSnapshots.Add(start.Snapshot?.Zxid ?? Zxid.Zero);
        UseDisk(start.Disk);
        Emit(new PeerRecovered(start.Disk.AcceptedEpoch, start.Disk.CurrentEpoch, start.Disk.LastLoggedZxid, stateMachine.LastApplied));
        Publish(ZabState.Election);
        StartLooking();
    }

    private bool Restore(PeerStart start)
    {
        try
        {
            if (start.Snapshot is { } snapshot)
            {
                stateMachine.Restore(snapshot);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Stop($"restoring the state machine from snapshot {start.Snapshot?.Zxid ?? Zxid.Zero} failed: {e.Message}");
            return false;
        }
        if (stateMachine.LastApplied != start.Disk.LastAppliedZxid)
        {
            Stop($"the state machine restored to {stateMachine.LastApplied}, the disk says {start.Disk.LastAppliedZxid}");
            return false;
        }
        return true;
    }

    private void UseDisk(PeerDisk read)
    {
        disk = read;
        AcceptedEpoch = read.AcceptedEpoch;
        CurrentEpoch = read.CurrentEpoch;
        LastLoggedZxid = read.LastLoggedZxid;
    }

    private void OnDiskLoaded(DiskLoaded loaded)
    {
        if (loaded.SnapshotZxid > Zxid.Zero)
        {
            keptSnapshots.Add(loaded.SnapshotZxid);
        }
        UseDisk(loaded.Disk);
        if (phase == Phase.ReadingDisk)
        {
            StartLooking();
        }
    }

    private void StartLooking()
    {
        phase = Phase.Looking;
        lookingSince = now;
        StepElection(disk!.ToStartElection());
    }

    private void OnDecided(Decided decided)
    {
        if (phase != Phase.Looking)
        {
            return;
        }
        phase = Phase.InRole;
        incarnation++;
        State = decided.State;
        LeaderSid = decided.Leader;
        Epoch = decided.Vote.PeerEpoch;
        roleSince = now;
        Emit(new PeerElected(State, decided.Leader, Epoch, now - lookingSince));
        Publish(ZabState.Discovery);
        switch (decided.State)
        {
            case ServerState.Leading:
                BeginLeading();
                break;
            case ServerState.Following or ServerState.Observing:
                BeginLearning(decided.Leader);
                break;
            default:
                throw new InvalidOperationException($"the election decided {decided.State}");
        }
    }

    /// <summary>The role reached broadcast: later replies to looking peers carry the new epoch (ZOOKEEPER-1732).</summary>
    private void OnRoleEstablished(long establishedEpoch)
    {
        Epoch = establishedEpoch;
        StepElection(new UpdateElectionVote(establishedEpoch));
        Emit(new PeerEstablished(State, establishedEpoch, now - roleSince));
        if (State == ServerState.Leading)
        {
            Emit(new PeerLeaderEstablished(establishedEpoch));
        }
        Publish(ZabState.Broadcast);
    }

    /// <summary>
    /// The role is over, whatever the reason: its links close, the clients waiting on it fail, and the
    /// peer re-reads its disk (after every storage operation of the role) before it looks again.
    /// </summary>
    private void EndRole(string reason)
    {
        if (phase != Phase.InRole)
        {
            return;
        }
        CloseRoleLinks(reason);
        FailAllPending($"lost the leader: {reason}");
        Emit(new PeerRoleEnded(State, reason, now - roleSince));
        State = ServerState.Looking;
        LeaderSid = null;
        Publish(ZabState.Election);
        phase = Phase.ReadingDisk;
        Store(new LoadDisk(AppliedWhenStorageCatchesUp(), config.Timing.CommittedLogSize));
    }

    private void CloseRoleLinks(string reason)
    {
        if (leader is { } l)
        {
            l.Ended = true;
            foreach (var handler in l.ByLink.Values)
            {
                handler.Ended = true;
                Send(new CloseLink(handler.Link, reason));
            }
            leader = null;
        }
        if (learner is { } s)
        {
            s.Ended = true;
            Send(new CloseLink(s.Link, reason));
            learner = null;
        }
    }

    /// <summary>Storage that failed holds an unknown history; the peer stops rather than join with it.</summary>
    private void Stop(string reason)
    {
        if (phase == Phase.Stopped)
        {
            return;
        }
        CloseRoleLinks($"server {MyId} stopped");
        FailAllPending("the peer stopped");
        phase = Phase.Stopped;
        State = ServerState.Looking;
        LeaderSid = null;
        Emit(new PeerStopped(reason));
    }

    private void TickRole()
    {
        TickLeader();
        TickLearner();
    }

    private TimeSpan? RoleDeadline() => leader is not null ? LeaderDeadline() : learner is not null ? LearnerDeadline() : null;

    private void OnLinkOpened(LinkOpened opened)
    {
        if (opened.Link.Outgoing)
        {
            throw new ArgumentException($"{opened.Link} is one of ours; only learners' links open to us", nameof(opened));
        }
        if (!config.Verifier.IsMember(opened.FromSid))
        {
            Send(new CloseLink(opened.Link, $"server {opened.FromSid} is not a member"));
            return;
        }
        if (leader is null)
        {
            Send(new CloseLink(opened.Link, $"server {MyId} is not leading"));
            return;
        }
        AcceptLearner(opened);
    }

    private void OnLinkPacket(LinkPacket packet)
    {
        if (packet.Link.Outgoing)
        {
            OnLeaderPacket(packet);
        }
        else if (leader is not null)
        {
            OnLearnerPacket(packet);
        }
        else
        {
            Send(new CloseLink(packet.Link, $"server {MyId} has no session for this connection"));
        }
    }

    private void OnLinkClosed(LinkClosed closed)
    {
        if (closed.Link.Outgoing)
        {
            OnLeaderLinkClosed(closed);
        }
        else
        {
            OnLearnerLinkClosed(closed);
        }
    }
}
