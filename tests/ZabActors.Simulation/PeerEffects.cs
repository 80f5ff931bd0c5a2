using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>
/// The simulation's <see cref="IPeerEffects"/> for one incarnation, called by <see cref="PeerDriver"/> in
/// the order production shells use: storage operations go to the server's simulated disk (which confirms
/// them when they complete), messages to the simulated network, events to the cluster. A dead
/// incarnation's outputs go nowhere: a crashed process does nothing more.
/// </summary>
internal sealed class PeerEffects(Cluster cluster, SimulatedPeer peer) : IPeerEffects
{
    public void AppendTxns(AppendTxns op) => Store(op);

    public void SaveEpochs(SaveEpochs op) => Store(op);

    public void WriteSnapshot(WriteSnapshot op) => Store(op);

    public void DeleteSnapshotsAfter(DeleteSnapshotsAfter op) => Store(op);

    public void TruncateLog(TruncateLog op) => Store(op);

    public void PurgeBefore(PurgeBefore op) => Store(op);

    public void LoadDisk(LoadDisk op) => Store(op);

    public void SendNotification(SendNotification message)
    {
        if (peer.Alive)
        {
            cluster.Network.SendNotification(peer.Sid, message);
        }
    }

    public void OpenLink(OpenLink message)
    {
        if (peer.Alive)
        {
            cluster.Network.OpenLink(peer.Sid, peer.Number, message);
        }
    }

    public void SendPacket(SendPacket message)
    {
        if (peer.Alive)
        {
            cluster.Network.SendPacket(peer.Sid, peer.Number, message);
        }
    }

    public void CloseLink(CloseLink message)
    {
        if (peer.Alive)
        {
            cluster.Network.CloseLink(peer.Sid, peer.Number, message);
        }
    }

    public void Publish(IPeerEvent evt)
    {
        if (peer.Alive)
        {
            cluster.OnPeerEvent(peer, evt);
        }
    }

    private void Store(StorageOp op)
    {
        if (peer.Alive)
        {
            cluster.Disks[peer.Sid].Submit(op);
        }
    }
}
