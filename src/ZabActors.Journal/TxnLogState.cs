using System.Collections.Immutable;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>
/// The peer's disk as the <see cref="TxnLogActor"/> holds it in memory: epochs, the newest state-machine
/// snapshot, the logged transactions above it, and the catalogue of snapshots in the store. It is a pure
/// fold: recovery and the live actor apply the same records through <see cref="Apply"/>, so what the
/// actor answers is exactly what a restart reads back.
/// </summary>
/// <remarks>
/// Invariants: <see cref="Txns"/> ascend and lie above <see cref="SnapshotZxid"/>; <see cref="Snapshots"/>
/// ascend in both sequence nr and zxid, and its last entry is <see cref="Snapshot"/>. Only transactions above
/// the newest snapshot are kept in memory; a snapshot bounds them.
/// </remarks>
public sealed record TxnLogState(
    long AcceptedEpoch,
    long CurrentEpoch,
    Snapshot? Snapshot,
    ImmutableList<Txn> Txns,
    ImmutableArray<SnapshotEntry> Snapshots,
    long PurgedToSequenceNr,
    long InstalledAtSequenceNr)
{
    public static TxnLogState Empty { get; } = new(0, 0, null, [], [], 0, 0);

    public Zxid SnapshotZxid => Snapshot?.Zxid ?? Zxid.Zero;

    /// <summary>The last logged zxid, or the snapshot's when nothing was logged above it.</summary>
    public Zxid LastZxid => Txns.Count > 0 ? Txns[^1].Zxid : SnapshotZxid;

    public static TxnLogState FromSnapshot(TxnLogSnapshot snapshot) =>
        new(snapshot.AcceptedEpoch, snapshot.CurrentEpoch, snapshot.Snapshot, [.. snapshot.Tail], snapshot.Snapshots,
            snapshot.PurgedToSequenceNr, snapshot.InstalledAtSequenceNr);

    public TxnLogSnapshot ToSnapshot()
    {
        var snapshot = Snapshot ?? throw new InvalidOperationException("a state without a state-machine snapshot is never saved");
        return new TxnLogSnapshot(snapshot, AcceptedEpoch, CurrentEpoch, [.. Txns], Snapshots, PurgedToSequenceNr, InstalledAtSequenceNr);
    }

    /// <summary>Folds one journal record; a record that breaks the invariants throws <see cref="InvalidDataException"/>.</summary>
    public TxnLogState Apply(ITxnLogRecord record) => record switch
    {
        TxnLogged logged => Append(logged.Txn),
        EpochsSaved epochs => this with { AcceptedEpoch = epochs.AcceptedEpoch, CurrentEpoch = epochs.CurrentEpoch },
        LogTruncated truncated => Truncate(truncated.After).PurgedTo(truncated.PurgedToSequenceNr),
        SnapshotInstalled installed => ConfirmInstall(installed.Zxid),
        _ => throw new InvalidDataException($"{record.GetType().Name} is not a journal event"),
    };

    /// <summary>The transactions above <paramref name="zxid"/> that memory holds (those above the newest snapshot).</summary>
    public ImmutableArray<Txn> TxnsAfter(Zxid zxid) => [.. Txns.Where(txn => txn.Zxid > zxid)];

    /// <summary>The state after a periodic snapshot stored under <paramref name="sequenceNr"/>.</summary>
    public TxnLogState WithSnapshot(Snapshot snapshot, long sequenceNr) => this with
    {
        Snapshot = snapshot,
        Txns = Txns.RemoveAll(txn => txn.Zxid <= snapshot.Zxid),
        Snapshots = [.. Snapshots.Where(entry => entry.SequenceNr != sequenceNr), new SnapshotEntry(sequenceNr, snapshot.Zxid)],
    };

    /// <summary>The state after a SNAP sync installed <paramref name="snapshot"/> under <paramref name="sequenceNr"/>.</summary>
    public TxnLogState WithInstalled(Snapshot snapshot, long sequenceNr) => this with
    {
        Snapshot = snapshot,
        Txns = [],
        Snapshots = [.. SnapshotsNotAbove(snapshot.Zxid).Where(entry => entry.SequenceNr != sequenceNr), new SnapshotEntry(sequenceNr, snapshot.Zxid)],
        InstalledAtSequenceNr = sequenceNr,
    };

    /// <summary>The state after the snapshots below <paramref name="oldestKept"/> and the events up to it were deleted.</summary>
    public TxnLogState WithPurgedBefore(SnapshotEntry oldestKept) => this with
    {
        Snapshots = [.. Snapshots.Where(entry => entry.SequenceNr >= oldestKept.SequenceNr)],
        PurgedToSequenceNr = Math.Max(PurgedToSequenceNr, oldestKept.SequenceNr),
    };

    public IEnumerable<SnapshotEntry> SnapshotsNotAbove(Zxid zxid) => Snapshots.Where(entry => entry.Zxid <= zxid);

    public IEnumerable<SnapshotEntry> SnapshotsAbove(Zxid zxid) => Snapshots.Where(entry => entry.Zxid > zxid);

    /// <summary>
    /// Where recovery restarts after a TRUNC below the newest snapshot: the newest snapshot at or below
    /// <paramref name="after"/> (null: the journal's start). Returns the reason when the journal cannot
    /// rebuild that point: its prefix was purged, or the replay would cross a SNAP install.
    /// </summary>
    public (SnapshotEntry? Target, string? Refusal) RewindTarget(Zxid after)
    {
        var target = SnapshotsNotAbove(after).LastOrDefault();
        var replayFrom = (target?.SequenceNr ?? 0) + 1;
        if (replayFrom <= PurgedToSequenceNr)
        {
            return (target, $"no retained snapshot at or below {after} and the journal up to sequence nr {PurgedToSequenceNr} was purged");
        }
        if (InstalledAtSequenceNr > 0 && replayFrom <= InstalledAtSequenceNr)
        {
            return (target, $"{after} lies below the snapshot a SNAP sync installed at sequence nr {InstalledAtSequenceNr}");
        }
        return (target, null);
    }

    private TxnLogState Append(Txn txn)
    {
        if (txn.Zxid <= LastZxid)
        {
            throw new InvalidDataException($"txn {txn.Zxid} does not follow {LastZxid}");
        }
        return this with { Txns = Txns.Add(txn) };
    }

    private TxnLogState Truncate(Zxid after)
    {
        if (after < SnapshotZxid)
        {
            throw new InvalidDataException($"truncation after {after} lies below the snapshot at {SnapshotZxid}");
        }
        return this with { Txns = Txns.RemoveAll(txn => txn.Zxid > after) };
    }

    /// <summary>Raises the purge watermark; catalogue entries below it were deleted by that purge.</summary>
    private TxnLogState PurgedTo(long sequenceNr) => sequenceNr <= PurgedToSequenceNr ? this : this with
    {
        PurgedToSequenceNr = sequenceNr,
        Snapshots = [.. Snapshots.Where(entry => entry.SequenceNr >= sequenceNr)],
    };

    private TxnLogState ConfirmInstall(Zxid zxid)
    {
        if (SnapshotZxid != zxid)
        {
            throw new InvalidDataException($"the SNAP install at {zxid} is replayed over the snapshot at {SnapshotZxid}; its snapshot is gone");
        }
        return this with { Txns = [] };
    }
}
