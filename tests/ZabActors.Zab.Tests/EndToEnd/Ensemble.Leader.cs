namespace ZabActors.Zab.Tests;

// What the LeaderActor, ProposalActor and LearnerHandlerActors do with their machines' outputs.
internal sealed partial class Ensemble
{
    private MemoryDisk LeaderDisk => Disks[LeaderId];

    private void DrainDiscovery()
    {
        var ready = Discovery.TakeOutputs();
        foreach (var op in ready.Storage.Cast<SaveEpochs>())
        {
            LeaderDisk.Save(op.AcceptedEpoch, op.CurrentEpoch);
            Deliver(() => Discovery.Step(new EpochsDurable(op.AcceptedEpoch, op.CurrentEpoch)), DrainDiscovery);
        }
        foreach (var evt in ready.Events)
        {
            Events.Add(evt);
            switch (evt)
            {
                case ILearnerAddressed addressed:
                    Deliver(() => Syncs[addressed.Sid].Step(addressed), () => DrainSync(addressed.Sid));
                    break;
                case LeaderEstablished established:
                    Deliver(() => Tracker.Step(established), DrainTracker);
                    break;
            }
        }
    }

    private void DrainTracker()
    {
        var ready = Tracker.TakeOutputs();
        foreach (var append in ready.Storage.Cast<AppendTxns>())
        {
            append.Txns.ToList().ForEach(LeaderDisk.Append);
            Deliver(() => Tracker.Step(new LogDurable(append.Last)), DrainTracker);
        }
        ready.Apply.ToList().ForEach(LeaderDisk.Apply);
        foreach (var evt in ready.Events)
        {
            Events.Add(evt);
            switch (evt)
            {
                case LearnerHistory history:
                    Forwarding.Add(history.Sid);
                    Deliver(() => Syncs[history.Sid].Step(history), () => DrainSync(history.Sid));
                    break;
                case Proposed or Committed:
                    foreach (var sid in Forwarding.ToList())
                    {
                        Deliver(() => Syncs[sid].Step((ILearnerSyncInput)evt), () => DrainSync(sid));
                    }
                    break;
            }
        }
    }

    private void DrainSync(long sid)
    {
        var ready = Syncs[sid].TakeOutputs();
        foreach (var envelope in ready.Send.Where(_ => !Crashed.Contains(sid)))
        {
            Assert.Equal(sid, envelope.To);
            Deliver(() => Sessions[sid].Step((QuorumPacket)envelope.Message), () => DrainSession(sid));
        }
        foreach (var evt in ready.Events)
        {
            Events.Add(evt);
            switch (evt)
            {
                case ILeaderDiscoveryInput input:
                    if (evt is LearnerSessionEnded)
                    {
                        Forwarding.Remove(sid);
                    }
                    Deliver(() => Discovery.Step(input), DrainDiscovery);
                    break;
                case IProposalTrackerInput input:
                    Deliver(() => Tracker.Step(input), DrainTracker);
                    break;
                case SnapshotRequest:
                    var snapshot = LeaderDisk.TakeSnapshot();
                    Deliver(() => Syncs[sid].Step(new LeaderSnapshot(sid, snapshot)), () => DrainSync(sid));
                    break;
            }
        }
    }
}
