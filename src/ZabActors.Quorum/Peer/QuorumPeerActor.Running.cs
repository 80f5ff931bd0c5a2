using Akka.Actor;
using Akka.Event;
using ZabActors.Journal;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Quorum;

// Running: every message becomes one input of the core; children that end become inputs too.
public sealed partial class QuorumPeerActor
{
    private void Running()
    {
        ReceiveStorageAnswers();
        ReceiveNetwork();
        Receive<Tick>(_ => Step(new PeerTick(Now)));
        Receive<ClientWrite>(OnClientWrite);
        Receive<GetPeerStatus>(_ => Sender.Tell(Status()));
        Receive<Terminated>(OnTerminated);
        Receive<SkipZxidCounter>(skip => driver.Peer.SkipZxidCounterTo(skip.Counter));
    }

    private void ReceiveStorageAnswers()
    {
        Receive<LogDurable>(Answer);
        Receive<EpochsDurable>(Answer);
        Receive<SnapshotDurable>(Answer);
        Receive<StorageFailed>(Answer);
        Receive<TxnLogProtocol.SnapshotSaved>(Answer);
        Receive<TxnLogProtocol.Truncated>(Answer);
        Receive<TxnLogProtocol.DiskRead>(Answer);
        Receive<TxnLogProtocol.RecoveryFailed>(failed => storageFailure = failed.Reason);
        Receive<TxnLogProtocol.WriteFailed>(failed => storageFailure = failed.Reason);
    }

    private void ReceiveNetwork()
    {
        Receive<PeerEnvelope>(envelope => Step(new NotificationReceived(envelope.FromSid, envelope.Notification)));
        Receive<Connecting>(reply => effects.Links.Connected(reply, effects.Transport, Self));
        Receive<ConnectionOpened>(opened => Step(new LinkOpened(effects.Links.Accept(opened.Connection), opened.LearnerSid)));
        Receive<ConnectionMessage>(message =>
        {
            if (effects.Links.TryFind(message.Connection, out var link))
            {
                Step(new LinkPacket(link, message.FromSid, message.Packet));
            }
        });
        Receive<ConnectionClosed>(closed =>
        {
            if (effects.Links.TryForget(closed.Connection, out var link))
            {
                Step(new LinkClosed(link, closed.Reason));
            }
        });
    }

    private void Answer(object reply)
    {
        if (effects.Answer(reply) is { } input)
        {
            Step(input);
        }
        else
        {
            log.Warning("server {0}: the txn log answered {1} to nothing outstanding", MyId, reply);
        }
    }

    private void OnClientWrite(ClientWrite write)
    {
        var id = ++nextRequestId;
        writes[id] = new PendingWrite(Sender, write.RequestId);
        Step(new PeerWrite(id, Bytes.CopyFrom(write.Data)));
    }

    private PeerStatus Status()
    {
        var peer = driver.Peer;
        return new PeerStatus(MyId, peer.State, peer.AcceptedEpoch, peer.CurrentEpoch, peer.LastLoggedZxid, peer.LastAppliedZxid, peer.LeaderSid, peer.ZabState);
    }

    private void OnTerminated(Terminated terminated)
    {
        if (terminated.ActorRef.Equals(txnLog))
        {
            var reason = storageFailure ?? "the txn log stopped";
            if (effects.LogLost(reason) is { } failed)
            {
                Step(failed);
            }
            if (!driver.Peer.IsStopped)
            {
                StopForStorage(reason);
            }
            return;
        }
        if (givenTransport is null && terminated.ActorRef.Equals(effects.Transport))
        {
            log.Warning("server {0}: the peer transport stopped; its links are closed and a new transport starts", MyId);
            foreach (var link in effects.Links.ForgetAll())
            {
                Step(new LinkClosed(link, "the peer transport stopped"));
            }
            effects.Transport = StartTransport();
        }
    }
}
