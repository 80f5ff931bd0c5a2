namespace ZabActors.Zab;

// Marker interfaces tie each message to the state machine that consumes it, so a driver can route
// the events one machine emits to the next machine by type, without knowing each record.

/// <summary>An input of <see cref="FastLeaderElection"/> (the ElectionActor).</summary>
public interface IElectionInput;

/// <summary>An input of <see cref="LeaderDiscovery"/> (the LeaderActor).</summary>
public interface ILeaderDiscoveryInput;

/// <summary>An input of <see cref="LearnerSync"/> (one LearnerHandlerActor per connected learner).</summary>
public interface ILearnerSyncInput;

/// <summary>An input of <see cref="ProposalTracker"/> (the ProposalActor).</summary>
public interface IProposalTrackerInput;

/// <summary>An input of <see cref="LearnerSession"/> (the FollowerActor or ObserverActor).</summary>
public interface ILearnerSessionInput;

/// <summary>An input meant for one learner handler only: deliver it to the <see cref="LearnerSync"/> of <see cref="Sid"/>.</summary>
public interface ILearnerAddressed : ILearnerSyncInput
{
    long Sid { get; }
}

/// <summary>Something a state machine reports for its driver or for another machine (see <see cref="Ready.Events"/>).</summary>
public interface IZabEvent;
