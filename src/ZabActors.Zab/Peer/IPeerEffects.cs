namespace ZabActors.Zab;

/// <summary>
/// What carries out a <see cref="QuorumPeer"/>'s outputs: one method per output kind, called by
/// <see cref="PeerDriver"/> in the required order. Storage methods must act in call order and confirm
/// each confirmable operation, in that order, by stepping its input into the driver (at once or later):
/// <see cref="AppendTxns"/> → <see cref="LogDurable"/>(op.Last) (one LogDurable may cover several
/// appends flushed together); <see cref="SaveEpochs"/> → <see cref="EpochsDurable"/> (echo the values);
/// <see cref="WriteSnapshot"/> → <see cref="SnapshotWritten"/>; <see cref="TruncateLog"/> →
/// <see cref="TruncationDurable"/>; <see cref="LoadDisk"/> → <see cref="DiskLoaded"/>. A failure of any of
/// them, or of <see cref="DeleteSnapshotsAfter"/> / <see cref="PurgeBefore"/>, is stepped as
/// <see cref="StorageOpFailed"/> with the same op.
/// </summary>
public interface IPeerEffects
{
    void AppendTxns(AppendTxns op);

    void SaveEpochs(SaveEpochs op);

    void WriteSnapshot(WriteSnapshot op);

    void DeleteSnapshotsAfter(DeleteSnapshotsAfter op);

    void TruncateLog(TruncateLog op);

    void PurgeBefore(PurgeBefore op);

    void LoadDisk(LoadDisk op);

    void SendNotification(SendNotification message);

    void OpenLink(OpenLink message);

    void SendPacket(SendPacket message);

    void CloseLink(CloseLink message);

    void Publish(IPeerEvent evt);
}
