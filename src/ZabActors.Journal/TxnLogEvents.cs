using System.Collections.Immutable;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>
/// Marks every record the <see cref="TxnLogActor"/> writes to the journal or the snapshot store, so one
/// serialization binding (<see cref="ZabJournalSerializer"/>) covers them all.
/// </summary>
public interface ITxnLogRecord;

/// <summary>One logged transaction; a batch of them is one atomic journal write.</summary>
public sealed record TxnLogged(Txn Txn) : ITxnLogRecord;

/// <summary>The epoch files after a <see cref="SaveEpochs"/>: both values, nulls already resolved.</summary>
public sealed record EpochsSaved(long AcceptedEpoch, long CurrentEpoch) : ITxnLogRecord;

/// <summary>
/// ZAB's TRUNC inside an append-only journal: recovery drops every transaction above <see cref="After"/>
/// that was logged before this marker (Akka.Persistence deletes only a prefix of a log).
/// <see cref="PurgedToSequenceNr"/> is the purge watermark when it was written: after a TRUNC below the newest
/// snapshot, recovery starts from an older snapshot whose own watermark predates later purges.
/// </summary>
public sealed record LogTruncated(Zxid After, long PurgedToSequenceNr = 0) : ITxnLogRecord;

/// <summary>
/// A SNAP sync installed the leader's snapshot at <see cref="Zxid"/> (saved just before this marker):
/// every transaction logged before it belongs to the replaced history.
/// </summary>
public sealed record SnapshotInstalled(Zxid Zxid) : ITxnLogRecord;

/// <summary>A snapshot in the store: the sequence nr it is stored under and the zxid of the state it holds.</summary>
public sealed record SnapshotEntry(long SequenceNr, Zxid Zxid);

/// <summary>
/// What one Akka.Persistence snapshot holds: the whole <see cref="TxnLogState"/> at its sequence nr, so
/// recovery from it needs only the events written after it. <see cref="Tail"/> carries the logged
/// transactions above the state-machine snapshot (usually just the uncommitted ones).
/// </summary>
public sealed record TxnLogSnapshot(
    Snapshot Snapshot,
    long AcceptedEpoch,
    long CurrentEpoch,
    ImmutableArray<Txn> Tail,
    ImmutableArray<SnapshotEntry> Snapshots,
    long PurgedToSequenceNr,
    long InstalledAtSequenceNr) : ITxnLogRecord;
