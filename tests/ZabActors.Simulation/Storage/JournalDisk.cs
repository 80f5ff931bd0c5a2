using System.Collections.Immutable;
using ZabActors.Actors;
using ZabActors.Persistence;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Zab;
using ZabActors.Quorum;
using ZabActors.Simulation.Checkers;
using ZabActors.Zab;
using SnapshotPlugin = ZabActors.Persistence.Snapshot.ISnapshotStore;
using ZabSnapshot = ZabActors.Zab.Snapshot;
using ZabSnapshotStore = ZabActors.Zab.ISnapshotStore;

namespace ZabActors.Simulation.Storage;

/// <summary>
/// One server's storage on the persistence plugin: a <see cref="MemoryJournalStorage"/> and a
/// <see cref="MemorySnapshotStorage"/> that outlive the server's incarnations, and per incarnation a
/// new <see cref="MemoryJournal"/>/<see cref="MemorySnapshotStore"/> under a reopened
/// <see cref="JournalPeerStorage"/> (whose Open reads back and verifies the whole log). Fault model:
/// - Durable is exactly what the journal applied to its storage. Every journal mutation (log flush,
///   epoch save, truncation, purge) and every snapshot save can be a crash point, chosen with the
///   seeded generator: before the fsync or after it, before the caller learns of it.
/// - Before the fsync: the write is held (<see cref="MemoryJournal.HoldWrites"/>) and the journal is
///   killed (<see cref="MemoryJournal.SimulateCrash"/>); with the torn-write probability a seeded
///   prefix of the unflushed operations survives, else none. The txn log writes each flush as ONE
///   atomic write, so a flush's batch survives whole or not at all (never half a batch); no surviving
///   operation was acknowledged.
/// - After the fsync: the write is applied, then the journal is killed before its caller continues.
/// - A snapshot save is atomic: old or new, never half.
/// - A crashed server's journal fails every later call, and the view the peer holds ignores writes
///   while fenced, so a dying incarnation's actors record nothing.
/// - There are no read errors or bit rot (the plugin's checksums are tested in its own suite).
/// - Determinism: the memory plugins complete every call synchronously on the calling (single
///   simulation) thread, and a held write is resolved by the crash before its task is handed back,
///   so JournalPeerStorage's synchronous waits never block.
/// </summary>
public sealed class JournalDisk : ISimulatedStorage
{
    private readonly SimulationRandom random;
    private readonly TimeProvider time;
    private readonly MemoryJournalStorage journalStorage = new();
    private readonly MemorySnapshotStorage snapshotStorage = new();
    private MemoryJournal? journal;
    private JournalPeerStorage? storage;
    private ImmutableArray<Zxid> pendingFlush = [];
    private Zxid? pendingTruncation;
    private Zxid? pendingSnapshot;
    private DiskOptions options = null!;

    public JournalDisk(long sid, SimulationRandom random, DiskOptions options, TimeProvider time)
    {
        Sid = sid;
        this.random = random;
        this.time = time;
        Options = options;
    }

    public long Sid { get; }

    public DiskOptions Options
    {
        get => options;
        set
        {
            if (value.Validate().LyingFsync) throw new ArgumentException("a lying fsync is modelled by the memory storage only (--storage memory)");
            options = value;
        }
    }

    public Action<long, string>? CrashPointReached { get; set; }

    public IHistorySink? History { get; set; }

    public bool IsFenced { get; private set; }

    public DiskStatistics Statistics { get; } = new();

    public string PersistenceIdPrefix => $"zab-server-{Sid}";

    /// <summary>The storage the current incarnation opened; null before the first start.</summary>
    public JournalPeerStorage? Current => storage;

    /// <summary>Reads the durable txn log back as a restarted server would (a fresh journal on the same storage), without disturbing the running one.</summary>
    public JournalTxnLog ReadBackLog() => JournalTxnLog.Open(new MemoryJournal(journalStorage), TxnLogId);

    public void Crash()
    {
        IsFenced = true;
        journal?.SimulateCrash();
    }

    public IPeerStorage Open()
    {
        journal = new MemoryJournal(journalStorage);
        var journalPlugin = new CrashPointJournal(this, journal);
        var snapshotPlugin = new CrashPointSnapshotStore(this, new MemorySnapshotStore(snapshotStorage));
        // The previous incarnation's instance is abandoned as it is, like a killed process's files.
        storage = JournalPeerStorage.Open(journalPlugin, snapshotPlugin, PersistenceIdPrefix, timeProvider: time);
        IsFenced = false;
        return new PeerStorageView(this, storage);
    }

    private string TxnLogId => JournalPeerStorage.TxnLogPersistenceId(PersistenceIdPrefix);

    private CrashPoint NextCrashPoint()
    {
        if (CrashPointReached is null || !random.Chance(Options.CrashAtWriteProbability)) return CrashPoint.None;
        return random.Chance(0.5) ? CrashPoint.Before : CrashPoint.After;
    }

    /// <summary>
    /// Runs one journal mutation through a crash point. <paramref name="durable"/> reports what reached
    /// the storage (to the checker) and runs only if the mutation did.
    /// </summary>
    private TTask Mutate<TTask>(Func<TTask> start, Action durable, string what) where TTask : Task
    {
        var point = NextCrashPoint();
        if (point == CrashPoint.Before)
        {
            journal!.HoldWrites = true;
            var held = start();
            var survivors = random.Chance(Options.TornWriteProbability) ? random.Next(journal.UnflushedCount + 1) : 0;
            journal.SimulateCrash(survivors);
            if (survivors > 0) durable();
            CrashHere($"crash before the fsync of {what} ({survivors} of the unflushed operations written)");
            return held;
        }
        var task = start();
        if (task.IsCompletedSuccessfully) durable();
        if (point == CrashPoint.After) CrashHere($"crash right after the fsync of {what}");
        return task;
    }

    private void CrashHere(string reason)
    {
        Statistics.CrashPoints++;
        Crash();
        CrashPointReached?.Invoke(Sid, reason);
    }

    private void FlushDurable(string persistenceId)
    {
        if (persistenceId != TxnLogId)
        {
            Statistics.EpochSaves++;
            return;
        }
        Statistics.Flushes++;
        if (!pendingFlush.IsEmpty) History?.Record(new LogFlushed(Sid, pendingFlush));
        pendingFlush = [];
    }

    private void TruncationDurable()
    {
        Statistics.Truncations++;
        if (pendingTruncation is { } after) History?.Record(new LogTruncated(Sid, after));
    }

    private void SnapshotDurable()
    {
        Statistics.SnapshotSaves++;
        if (pendingSnapshot is { } zxid) History?.Record(new SnapshotSaved(Sid, zxid));
    }

    private enum CrashPoint
    {
        None,
        Before,
        After,
    }

    /// <summary>The journal plugin with the server's crash points around every mutation; reads pass through.</summary>
    private sealed class CrashPointJournal(JournalDisk disk, MemoryJournal inner) : IAsyncWriteJournal
    {
        public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages)
        {
            if (disk.IsFenced) return inner.WriteMessagesAsync(messages);
            var id = messages.Count > 0 ? messages[0].PersistenceId : "";
            return disk.Mutate(() => inner.WriteMessagesAsync(messages), () => disk.FlushDurable(id), $"a write to {id}");
        }

        public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> recoveryCallback) =>
            inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);

        public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr) =>
            inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr);

        public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr) =>
            disk.IsFenced
                ? inner.DeleteMessagesToAsync(persistenceId, toSequenceNr)
                : disk.Mutate(() => inner.DeleteMessagesToAsync(persistenceId, toSequenceNr), () => { }, $"a purge of {persistenceId}");

        public Task TruncateAfterAsync(string persistenceId, long sequenceNr) =>
            disk.IsFenced
                ? inner.TruncateAfterAsync(persistenceId, sequenceNr)
                : disk.Mutate(() => inner.TruncateAfterAsync(persistenceId, sequenceNr), disk.TruncationDurable, $"a truncation of {persistenceId}");

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>The snapshot plugin with a crash point around every save: an atomic rename, so old or new.</summary>
    private sealed class CrashPointSnapshotStore(JournalDisk disk, MemorySnapshotStore inner) : SnapshotPlugin
    {
        public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria) => inner.LoadAsync(persistenceId, criteria);

        public Task SaveAsync(SnapshotMetadata metadata, byte[] snapshot)
        {
            if (disk.IsFenced) return Task.FromException(new SimulatedCrashException());
            var point = disk.NextCrashPoint();
            if (point == CrashPoint.Before)
            {
                disk.CrashHere("crash before a snapshot was renamed into place");
                return Task.FromException(new SimulatedCrashException());
            }
            var task = inner.SaveAsync(metadata, snapshot);
            if (task.IsCompletedSuccessfully) disk.SnapshotDurable();
            if (point == CrashPoint.After) disk.CrashHere("crash right after a snapshot save");
            return task;
        }

        public Task DeleteAsync(SnapshotMetadata metadata) =>
            disk.IsFenced ? Task.FromException(new SimulatedCrashException()) : inner.DeleteAsync(metadata);

        public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria) =>
            disk.IsFenced ? Task.FromException(new SimulatedCrashException()) : inner.DeleteAsync(persistenceId, criteria);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>
    /// What one incarnation's peer sees (with the purge hooks). It tells the disk which zxids a flush,
    /// truncation or snapshot concerns, for the checker, and ignores everything once the incarnation is
    /// fenced: a crash point fails the plugin call the peer is inside, and a dead process throws nothing.
    /// </summary>
    private sealed class PeerStorageView(JournalDisk disk, JournalPeerStorage storage) : IPeerStorage
    {
        public ITxnLog Log { get; } = new LogView(disk, storage.Log);

        public IEpochStore Epochs { get; } = new EpochView(disk, storage.Epochs);

        public ZabSnapshotStore Snapshots { get; } = new SnapshotView(disk, storage.Snapshots);

        /// <summary>Runs a write unless fenced; a failure caused by this incarnation's own crash is swallowed.</summary>
        public static void Write(JournalDisk disk, Action write)
        {
            if (disk.IsFenced) return;
            try
            {
                write();
            }
            catch (PeerStorageException) when (disk.IsFenced)
            {
            }
        }
    }

    private sealed class LogView(JournalDisk disk, JournalTxnLog log) : ITxnLog, IPurgeableTxnLog
    {
        public Zxid LastZxid => log.LastZxid;

        public void Append(Txn txn) => PeerStorageView.Write(disk, () => log.Append(txn));

        public void Flush() => PeerStorageView.Write(disk, () =>
        {
            disk.pendingFlush = log.BufferedCount == 0 ? [] : [.. log.ReadAfter(log.LastDurableZxid).Select(txn => txn.Zxid)];
            log.Flush();
        });

        public void TruncateAfter(Zxid zxid) => PeerStorageView.Write(disk, () =>
        {
            disk.pendingTruncation = zxid;
            log.TruncateAfter(zxid);
        });

        public IEnumerable<Txn> ReadAfter(Zxid zxid) => disk.IsFenced ? [] : log.ReadAfter(zxid);

        public void PurgeBefore(Zxid zxid) => PeerStorageView.Write(disk, () => log.PurgeBefore(zxid));
    }

    private sealed class EpochView(JournalDisk disk, JournalEpochStore epochs) : IEpochStore
    {
        public long AcceptedEpoch => epochs.AcceptedEpoch;

        public long CurrentEpoch => epochs.CurrentEpoch;

        public void Save(long? acceptedEpoch, long? currentEpoch) => PeerStorageView.Write(disk, () => epochs.Save(acceptedEpoch, currentEpoch));
    }

    private sealed class SnapshotView(JournalDisk disk, JournalSnapshotStore snapshots) : ZabSnapshotStore, IPurgeableSnapshotStore, IRewindableSnapshotStore
    {
        public void Save(ZabSnapshot snapshot) => PeerStorageView.Write(disk, () =>
        {
            disk.pendingSnapshot = snapshot.Zxid;
            snapshots.Save(snapshot);
        });

        public ZabSnapshot? LoadLatest() => snapshots.LoadLatest();

        public void DeleteBefore(Zxid zxid) => PeerStorageView.Write(disk, () => snapshots.DeleteBefore(zxid));

        public void DeleteAfter(Zxid zxid) => PeerStorageView.Write(disk, () => snapshots.DeleteAfter(zxid));
    }
}
