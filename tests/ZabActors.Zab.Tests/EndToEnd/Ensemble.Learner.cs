namespace ZabActors.Zab.Tests;

// What the FollowerActor / ObserverActor and the TxnLogActor do with a learner session's outputs.
internal sealed partial class Ensemble
{
    private void DrainSession(long sid)
    {
        var ready = Sessions[sid].TakeOutputs();
        var disk = Disks[sid];
        foreach (var op in ready.Storage)
        {
            StoreForLearner(sid, disk, op);
        }
        foreach (var envelope in ready.Send)
        {
            Assert.Equal(LeaderId, envelope.To);
            Deliver(() => Syncs[sid].Step((QuorumPacket)envelope.Message), () => DrainSync(sid));
        }
        ready.Apply.ToList().ForEach(disk.Apply);
        Events.AddRange(ready.Events);
    }

    private void StoreForLearner(long sid, MemoryDisk disk, StorageOp op)
    {
        ILearnerSessionInput confirmation;
        switch (op)
        {
            case TruncateLog truncate:
                disk.TruncateAfter(truncate.After);
                return;
            case InstallSnapshot install:
                disk.Install(install.Snapshot);
                confirmation = new SnapshotDurable(install.Snapshot.Zxid);
                break;
            case AppendTxns append:
                append.Txns.ToList().ForEach(disk.Append);
                confirmation = new LogDurable(append.Last);
                break;
            case SaveEpochs save:
                disk.Save(save.AcceptedEpoch, save.CurrentEpoch);
                confirmation = new EpochsDurable(save.AcceptedEpoch, save.CurrentEpoch);
                break;
            default:
                throw new InvalidOperationException($"unknown storage op {op}");
        }
        Deliver(() => Sessions[sid].Step(confirmation), () => DrainSession(sid));
    }
}
