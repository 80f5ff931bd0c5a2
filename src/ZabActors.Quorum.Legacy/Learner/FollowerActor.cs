using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>A voting learner's session with its leader (ZooKeeper's Follower): it acknowledges every proposal it logs.</summary>
internal sealed class FollowerActor(PeerConfig config, long leaderSid, PeerDisk disk, IQuorumNetwork network, IActorRef txnLog, StateMachineApplier applier, IActorRef root,
    TimeSpan connectRetryDelay)
    : LearnerActor(config, leaderSid, disk, network, txnLog, applier, root, connectRetryDelay)
{
    public static Props Props(
        PeerConfig config, long leaderSid, PeerDisk disk, IQuorumNetwork network, IActorRef txnLog, StateMachineApplier applier, IActorRef root,
        TimeSpan connectRetryDelay)
    {
        if (config.LearnerType != LearnerType.Participant)
        {
            throw new ArgumentException($"server {config.MyId} is an observer and cannot follow", nameof(config));
        }
        return Actors.Props.Create(() => new FollowerActor(config, leaderSid, disk, network, txnLog, applier, root, connectRetryDelay));
    }
}
