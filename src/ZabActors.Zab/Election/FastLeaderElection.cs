namespace ZabActors.Zab;

/// <summary>
/// ZooKeeper's fast leader election for one peer (wrapped by the ElectionActor). It owns the logical
/// clock, this peer's proposal, the votes of the current round (recvset) and the votes of peers
/// already out of election (outofelection), and it answers other peers' notifications. One instance
/// lives as long as the peer: <see cref="StartElection"/> opens a round each time the peer becomes
/// LOOKING, and the round ends with a <see cref="Decided"/> event.
/// Time enters only through <see cref="Tick"/>; <see cref="DueInMs"/> says when the next timer fires.
/// </summary>
public sealed partial class FastLeaderElection
{
    private readonly long myId;
    private readonly IQuorumVerifier verifier;
    private readonly ZabTiming timing;
    private readonly LearnerType learnerType;
    private readonly Outbox outbox = new();

    private bool started;

    public FastLeaderElection(PeerConfig config)
    {
        myId = config.MyId;
        verifier = config.Verifier;
        timing = config.Timing;
        learnerType = config.LearnerType;
        proposedLeader = long.MinValue;
        proposedZxid = Zxid.None;
        proposedEpoch = long.MinValue;
    }

    /// <summary>The election round, ZooKeeper's <c>logicalclock</c>.</summary>
    public long LogicalClock { get; private set; }

    public ServerState State { get; private set; } = ServerState.Looking;

    /// <summary>This peer's vote in the current round.</summary>
    public Vote Proposal => new(proposedLeader, proposedZxid, LogicalClock, proposedEpoch);

    /// <summary>The vote that ended the last round; what the peer tells looking peers while it is not looking.</summary>
    public Vote? CurrentVote { get; private set; }

    /// <summary>The current wait for notifications before this peer re-sends its own (exponential back-off).</summary>
    public long NotificationIntervalMs { get; private set; }

    public bool IsFinalizing => finalizeDeadlineMs.HasValue;

    /// <summary>Milliseconds until the next timer fires; null when none is armed (not looking).</summary>
    public long? DueInMs => !started || State != ServerState.Looking
        ? null
        : Math.Max(0, (finalizeDeadlineMs ?? notificationDeadlineMs) - nowMs);

    public void Step(IElectionInput input)
    {
        switch (input)
        {
            case StartElection start:
                Start(start);
                break;
            case Notification notification:
                Receive(notification);
                break;
            case PeerConnected connected:
                if (started && State == ServerState.Looking && connected.Sid != myId && verifier.IsVoter(connected.Sid))
                {
                    Reply(connected.Sid, Proposal, LogicalClock);
                }
                break;
            case UpdateElectionVote update:
                if (CurrentVote is not null)
                {
                    CurrentVote = CurrentVote with { PeerEpoch = update.PeerEpoch };
                }
                break;
            default:
                throw new ArgumentException($"not an election input: {input}", nameof(input));
        }
        DeliverToSelf();
    }

    public Ready TakeOutputs() => outbox.Take();

    private void Start(StartElection start)
    {
        started = true;
        State = ServerState.Looking;
        recvset.Clear();
        outOfElection.Clear();
        selfDelivered.Clear();
        finalizeDeadlineMs = null;
        initZxid = learnerType == LearnerType.Participant ? start.LastLoggedZxid : Zxid.None;
        initPeerEpoch = learnerType == LearnerType.Participant ? start.CurrentEpoch : long.MinValue;
        NotificationIntervalMs = timing.MinNotificationIntervalMs;
        LogicalClock++;
        UpdateProposal(InitialVote());
        outbox.Emit(new ZabStateChanged(ZabState.Election));
        SendNotifications();
        notificationDeadlineMs = nowMs + NotificationIntervalMs;
    }

    /// <summary>The vote a peer starts with: itself if it votes, else nobody (ZooKeeper's Long.MIN_VALUE).</summary>
    private Vote InitialVote() => new(
        verifier.IsVoter(myId) ? myId : long.MinValue, initZxid, LogicalClock, initPeerEpoch);
}
