using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>A non-voting learner's session with its leader (ZooKeeper's Observer): it learns committed transactions through INFORM.</summary>
internal sealed class ObserverActor(PeerConfig config, long leaderSid, PeerDisk disk, IQuorumNetwork network, IActorRef txnLog, StateMachineApplier applier, IActorRef root,
    TimeSpan connectRetryDelay)
    : LearnerActor(config, leaderSid, disk, network, txnLog, applier, root, connectRetryDelay)
{
    public static Props Props(
        PeerConfig config, long leaderSid, PeerDisk disk, IQuorumNetwork network, IActorRef txnLog, StateMachineApplier applier, IActorRef root,
        TimeSpan connectRetryDelay)
    {
        if (config.LearnerType != LearnerType.Observer)
        {
            throw new ArgumentException($"server {config.MyId} votes and cannot observe", nameof(config));
        }
        return Actors.Props.Create(() => new ObserverActor(config, leaderSid, disk, network, txnLog, applier, root, connectRetryDelay));
    }
}
