namespace ZabActors.Zab;

/// <summary>What the leader knows about itself when it starts leading: its epochs and the last zxid of its log.</summary>
public sealed record LeaderStart(long AcceptedEpoch, long CurrentEpoch, Zxid LastZxid);

/// <summary>The peer won the election: begin discovery. The driver steps it right after creating the machine.</summary>
public sealed record StartLeading : ILeaderDiscoveryInput
{
    public static StartLeading Instance { get; } = new();
}

/// <summary>A learner connected and told us who it is (FOLLOWERINFO / OBSERVERINFO); emitted by its <see cref="LearnerSync"/>.</summary>
public sealed record LearnerInfoReceived(long Sid, LearnerType Type, long AcceptedEpoch) : IZabEvent, ILeaderDiscoveryInput;

/// <summary>A learner acknowledged the proposed epoch with its state summary; emitted by its <see cref="LearnerSync"/>.</summary>
public sealed record EpochAcked(long Sid, long CurrentEpoch, Zxid LastLoggedZxid) : IZabEvent, ILeaderDiscoveryInput;

/// <summary>A learner acknowledged NEWLEADER; emitted by its <see cref="LearnerSync"/>.</summary>
public sealed record NewLeaderAcked(long Sid, Zxid Zxid) : IZabEvent, ILeaderDiscoveryInput;

/// <summary>A learner's session ended (timeout, protocol error, or told to end); emitted by its <see cref="LearnerSync"/>.</summary>
public sealed record LearnerSessionEnded(long Sid, string Reason) : IZabEvent, ILeaderDiscoveryInput, IProposalTrackerInput;

/// <summary>The driver ends this leadership (for example after <see cref="ReElectionRequired"/>).</summary>
public sealed record EndLeadership(string Reason) : ILeaderDiscoveryInput;

/// <summary>
/// A quorum acknowledged NEWLEADER: the new epoch is established and the leader may propose.
/// Route to the <see cref="ProposalTracker"/> and to the election (<see cref="UpdateElectionVote"/>).
/// </summary>
public sealed record LeaderEstablished(long Epoch) : IZabEvent, IProposalTrackerInput;

/// <summary>This leadership is over; the driver stops every learner handler and the peer goes back to LOOKING.</summary>
public sealed record LeadershipEnded(string Reason) : IZabEvent;
