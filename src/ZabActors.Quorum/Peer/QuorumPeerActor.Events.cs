using Akka.Actor;
using Akka.Event;
using ZabActors.Zab;

namespace ZabActors.Quorum;

// The core's events: published on the EventStream (unchanged, and as the named events hosts subscribe to),
// logged, and turned into the answers to client writes.
public sealed partial class QuorumPeerActor
{
    private void OnPeerEvent(IPeerEvent evt)
    {
        var stream = Context.System.EventStream;
        stream.Publish(new PeerEventPublished(MyId, evt));
        switch (evt)
        {
            case PeerTxnApplied applied:
                stream.Publish(new TxnDelivered(MyId, applied.Txn));
                break;
            case PeerTxnProposed proposed:
                stream.Publish(new TxnProposed(MyId, proposed.Txn));
                break;
            case PeerWriteCommitted committed:
                Answer(committed.RequestId, write => new WriteCommitted(write.RequestId, committed.Zxid));
                break;
            case PeerWriteFailed failed:
                Answer(failed.RequestId, write => new WriteFailed(write.RequestId, failed.Reason));
                break;
            case PeerPhaseChanged phase:
                log.Info("server {0}: {1} {2} (leader {3}, epoch {4})", MyId, phase.State, phase.Phase, phase.LeaderSid, phase.Epoch);
                stream.Publish(new PeerStateChanged(MyId, phase.State, phase.LeaderSid, phase.Epoch, phase.Phase));
                break;
            case PeerLeaderEstablished established:
                stream.Publish(new LeaderEstablishedEvent(MyId, established.Epoch));
                break;
            case PeerStopped stopped:
                StopForStorage(storageFailure is { } cause && !stopped.Reason.Contains(cause, StringComparison.Ordinal) ? $"{stopped.Reason} ({cause})" : stopped.Reason);
                break;
            default:
                LogEvent(evt);
                break;
        }
    }

    private void LogEvent(IPeerEvent evt)
    {
        switch (evt)
        {
            case PeerStorageWarning or ProtocolViolation:
                log.Warning("server {0}: {1}", MyId, evt);
                break;
            case PeerElected or PeerEstablished or PeerRoleEnded or PeerRecovered:
                log.Info("server {0}: {1}", MyId, evt);
                break;
            default:
                log.Debug("server {0}: {1}", MyId, evt);
                break;
        }
    }

    private void Answer(long requestId, Func<PendingWrite, object> reply)
    {
        if (writes.Remove(requestId, out var write))
        {
            write.Client.Tell(reply(write), Self);
        }
    }
}
