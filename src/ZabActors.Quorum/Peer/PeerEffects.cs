using Akka.Actor;
using ZabActors.Journal;
using ZabActors.Transport;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// Carries out a <see cref="QuorumPeer"/>'s outputs for its <see cref="QuorumPeerActor"/>: storage operations
/// become commands to the <see cref="TxnLogActor"/>, messages become commands to the <see cref="PeerTransportActor"/>,
/// events go to the actor. It owns the queue of storage operations awaiting their answer, so every answer of
/// the txn log (which answers in order) is turned back into the core's confirmation of the right operation.
/// </summary>
/// <remarks>
/// The core writes a SNAP as <see cref="WriteSnapshot"/>, <see cref="DeleteSnapshotsAfter"/> at the snapshot's zxid,
/// <see cref="TruncateLog"/>; the txn log installs a snapshot in one step (<see cref="InstallSnapshot"/>: save it,
/// drop the log below it, delete newer snapshots), so a <see cref="WriteSnapshot"/> waits here for the next
/// operation and the pair becomes one install. A lone <see cref="DeleteSnapshotsAfter"/> (a TRUNC) needs no command:
/// the <see cref="TruncateLog"/> that always follows it deletes the snapshots above the rewind point too.
/// <see cref="PurgeBefore"/> is ignored: the txn log applies the same retention after every snapshot it saves.
/// </remarks>
internal sealed class PeerEffects(IActorRef self, IActorRef txnLog, Action<IPeerEvent> publish) : IPeerEffects
{
    /// <summary>Operations awaiting their answer; bounded by the core, which keeps as many unconfirmed.</summary>
    private readonly Queue<StorageOp> awaiting = new();
    private WriteSnapshot? held;

    public IActorRef Transport { get; set; } = ActorRefs.Nobody;

    public LinkTable Links { get; } = new();

    public int Awaiting => awaiting.Count;

    public void AppendTxns(AppendTxns op) => ToLog(op, op);

    public void SaveEpochs(SaveEpochs op) => ToLog(op, op);

    public void WriteSnapshot(WriteSnapshot op)
    {
        Flush();
        held = op;
    }

    public void DeleteSnapshotsAfter(DeleteSnapshotsAfter op)
    {
        if (held is { } write && write.Snapshot.Zxid == op.Zxid)
        {
            held = null;
            awaiting.Enqueue(write);
            txnLog.Tell(new InstallSnapshot(write.Snapshot), self);
            return;
        }
        Flush();
    }

    public void TruncateLog(TruncateLog op) => ToLog(op, op);

    public void PurgeBefore(PurgeBefore op) => Flush();

    public void LoadDisk(LoadDisk op) => ToLog(op, TxnLogProtocol.ReadDisk.Instance);

    public void SendNotification(SendNotification message)
    {
        Flush();
        Transport.Tell(new PeerTransport.SendElection(message.To, message.Notification), self);
    }

    public void OpenLink(OpenLink message)
    {
        Flush();
        Links.Open(message, Transport, self);
    }

    public void SendPacket(SendPacket message)
    {
        Flush();
        Links.Send(message, Transport, self);
    }

    public void CloseLink(CloseLink message)
    {
        Flush();
        Links.Close(message, Transport, self);
    }

    public void Publish(IPeerEvent evt)
    {
        Flush();
        publish(evt);
    }

    /// <summary>Sends a held periodic snapshot: called after every step, when no install can follow it any more.</summary>
    public void Flush()
    {
        if (held is { } write)
        {
            held = null;
            ToLog(write, new TxnLogProtocol.SaveSnapshot(write.Snapshot));
        }
    }

    /// <summary>
    /// The core's confirmation for an answer of the txn log, or null when it answers nothing outstanding.
    /// </summary>
    public IPeerInput? Answer(object reply)
    {
        if (!awaiting.TryDequeue(out var op))
        {
            return null;
        }
        return (op, reply) switch
        {
            (_, StorageFailed failed) => new StorageOpFailed(op, failed.Reason),
            (Zab.AppendTxns append, LogDurable durable) => durable with { UpTo = append.Last },
            (Zab.SaveEpochs, EpochsDurable durable) => durable,
            (WriteSnapshot write, SnapshotDurable or TxnLogProtocol.SnapshotSaved) => new SnapshotWritten(write.Snapshot.Zxid),
            (Zab.TruncateLog truncate, TxnLogProtocol.Truncated) => new TruncationDurable(truncate.After),
            (LoadDisk load, TxnLogProtocol.DiskRead disk) =>
                new DiskLoaded(disk.ToPeerDisk(load.LastAppliedZxid, load.CommittedLogSize), disk.SnapshotZxid),
            _ => new StorageOpFailed(op, $"the txn log answered {reply} to {op}"),
        };
    }

    /// <summary>The txn log is gone: the oldest outstanding operation failed (the core then stops), or null when none was.</summary>
    public IPeerInput? LogLost(string reason) =>
        awaiting.TryDequeue(out var op) ? new StorageOpFailed(op, reason) : null;

    private void ToLog(StorageOp op, object command)
    {
        Flush();
        awaiting.Enqueue(op);
        txnLog.Tell(command, self);
    }
}
