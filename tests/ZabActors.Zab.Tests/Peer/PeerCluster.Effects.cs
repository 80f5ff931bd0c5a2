namespace ZabActors.Zab.Tests.Peer;

internal sealed partial class PeerCluster
{
    /// <summary>
    /// The executor of one peer: storage operations act at once on its <see cref="MemoryPeerStorage"/> and
    /// their confirmations go on the peer's disk channel (so a test can hold them back); messages go to the
    /// network; events are recorded on the node.
    /// </summary>
    private sealed class Effects(PeerCluster cluster, Node node) : IPeerEffects
    {
        private MemoryPeerStorage Storage => node.Storage;

        public void AppendTxns(AppendTxns op) => Carry(op, () =>
        {
            foreach (var txn in op.Txns)
            {
                Storage.Append(txn);
            }
            return new LogDurable(op.Last);
        });

        public void SaveEpochs(SaveEpochs op) => Carry(op, () =>
        {
            Storage.Save(op.AcceptedEpoch, op.CurrentEpoch);
            return new EpochsDurable(op.AcceptedEpoch, op.CurrentEpoch);
        });

        public void WriteSnapshot(WriteSnapshot op) => Carry(op, () =>
        {
            Storage.Snapshots[op.Snapshot.Zxid] = op.Snapshot;
            return new SnapshotWritten(op.Snapshot.Zxid);
        });

        public void DeleteSnapshotsAfter(DeleteSnapshotsAfter op) => Carry(op, () =>
        {
            Storage.DeleteSnapshotsAfter(op.Zxid);
            return null;
        });

        public void TruncateLog(TruncateLog op) => Carry(op, () =>
        {
            Storage.TruncateAfter(op.After);
            return new TruncationDurable(op.After);
        });

        public void PurgeBefore(PurgeBefore op) => Carry(op, () =>
        {
            Storage.PurgeBefore(op.OldestKept);
            return null;
        });

        public void LoadDisk(LoadDisk op) => Carry(op, () =>
            new DiskLoaded(Storage.Read(op.LastAppliedZxid, op.CommittedLogSize), Storage.LatestSnapshot?.Zxid ?? Zxid.Zero));

        public void SendNotification(SendNotification message)
        {
            node.Messages.Add(message);
            cluster.SendNotification(node.Sid, message);
        }


        public void OpenLink(OpenLink message)
        {
            node.Messages.Add(message);
            cluster.OpenLink(node.Sid, message);
        }


        public void SendPacket(SendPacket message)
        {
            node.Messages.Add(message);
            cluster.SendPacket(node.Sid, message);
        }


        public void CloseLink(CloseLink message)
        {
            node.Messages.Add(message);
            cluster.CloseLink(node.Sid, message);
        }


        public void Publish(IPeerEvent evt) => node.Events.Add(evt);

        private void Carry(StorageOp op, Func<IPeerInput?> act)
        {
            if (Storage.ShouldFail(op))
            {
                cluster.Enqueue(DiskChannel(node.Sid), node.Sid, new StorageOpFailed(op, "injected failure"));
                return;
            }
            if (act() is { } confirmation)
            {
                cluster.Enqueue(DiskChannel(node.Sid), node.Sid, confirmation);
            }
        }
    }
}
