using System.Collections.Immutable;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>
/// The messages of the <see cref="TxnLogActor"/> beyond ZAB's own storage operations. The actor takes the
/// core's <see cref="StorageOp"/>s as they come out of <see cref="Ready.Storage"/> and answers with the core's
/// inputs: <see cref="AppendTxns"/> with <see cref="LogDurable"/>, <see cref="SaveEpochs"/> with
/// <see cref="EpochsDurable"/>, <see cref="InstallSnapshot"/> with <see cref="SnapshotDurable"/>,
/// <see cref="TruncateLog"/> with <see cref="Truncated"/>; any of them may instead get
/// <see cref="StorageFailed"/>, whose reason names the store, the persistence id and the sequence nr.
/// </summary>
public static class TxnLogProtocol
{
    /// <summary>Save a periodic snapshot of the state machine and apply retention; answered by <see cref="SnapshotSaved"/>.</summary>
    public sealed record SaveSnapshot(Snapshot Snapshot);

    /// <summary>
    /// The snapshot is durable, stored under <see cref="SequenceNr"/>; when retention purged, snapshots below
    /// the oldest kept one and the journal up to <see cref="PurgedToSequenceNr"/> are deleted too.
    /// </summary>
    public sealed record SnapshotSaved(Zxid Zxid, long SequenceNr, long PurgedToSequenceNr);

    /// <summary>A <see cref="TruncateLog"/> is durable: nothing above <see cref="After"/> is logged any more.</summary>
    public sealed record Truncated(Zxid After);

    /// <summary>Asks for the recovered disk; answered by <see cref="DiskRead"/>.</summary>
    public sealed record ReadDisk
    {
        public static ReadDisk Instance { get; } = new();
    }

    /// <summary>Asks for the logged transactions above <see cref="After"/>; answered by <see cref="TxnsRead"/>.</summary>
    public sealed record ReadTxns(Zxid After);

    /// <summary>
    /// The logged transactions above <see cref="After"/> that the log holds: memory keeps those above the newest
    /// snapshot, so <see cref="Complete"/> is false when <see cref="After"/> lies below it (the rest is in the snapshot).
    /// </summary>
    public sealed record TxnsRead(Zxid After, ImmutableArray<Txn> Txns, bool Complete);

    /// <summary>
    /// The durable disk: epochs, the newest snapshot (null when none) and the logged transactions above it.
    /// </summary>
    public sealed record DiskRead(long AcceptedEpoch, long CurrentEpoch, Zxid LastLoggedZxid, Snapshot? Snapshot, ImmutableArray<Txn> Txns)
    {
        public Zxid SnapshotZxid => Snapshot?.Zxid ?? Zxid.Zero;

        /// <summary>The core's view of this disk, for a state machine restored up to <paramref name="lastAppliedZxid"/>.</summary>
        public PeerDisk ToPeerDisk(Zxid lastAppliedZxid, int committedLogSize) =>
            PeerDisk.Read(new ReadOnlyLog(this), new ReadOnlyEpochs(AcceptedEpoch, CurrentEpoch), SnapshotZxid, lastAppliedZxid, committedLogSize);

        public override string ToString() =>
            $"DiskRead(epochs {AcceptedEpoch}/{CurrentEpoch}, last {LastLoggedZxid}, snapshot {SnapshotZxid}, {Txns.Length} txns)";
    }

    /// <summary>Told to the listener and published on the event stream when recovery fails; the actor then stops.</summary>
    public sealed record RecoveryFailed(string PersistenceId, string Reason);

    /// <summary>Told to the listener and published on the event stream when a write fails; the actor then stops (journal) or goes on (rejection, snapshot).</summary>
    public sealed record WriteFailed(string PersistenceId, string Reason);

    /// <summary>A disk read seen as the core's <see cref="ITxnLog"/>, for <see cref="PeerDisk.Read"/>; it refuses writes.</summary>
    private sealed class ReadOnlyLog(DiskRead disk) : ITxnLog
    {
        public Zxid LastZxid => disk.LastLoggedZxid;

        public void Append(Txn txn) => throw new NotSupportedException("a disk read is read-only");

        public void Flush() => throw new NotSupportedException("a disk read is read-only");

        public void TruncateAfter(Zxid zxid) => throw new NotSupportedException("a disk read is read-only");

        public IEnumerable<Txn> ReadAfter(Zxid zxid) => disk.Txns.Where(txn => txn.Zxid > zxid);
    }

    /// <summary>A disk read's epochs seen as the core's <see cref="IEpochStore"/>; it refuses writes.</summary>
    private sealed class ReadOnlyEpochs(long acceptedEpoch, long currentEpoch) : IEpochStore
    {
        public long AcceptedEpoch => acceptedEpoch;

        public long CurrentEpoch => currentEpoch;

        public void Save(long? acceptedEpoch, long? currentEpoch) => throw new NotSupportedException("a disk read is read-only");
    }
}
