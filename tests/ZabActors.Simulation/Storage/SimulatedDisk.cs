using System.Collections.Immutable;
using ZabActors.Actors;
using ZabActors.Simulation.Checkers;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Simulation.Storage;

/// <summary>
/// One server's disk, outliving its process incarnations. Fault model:
/// - Durable is exactly what was flushed (log), saved (epoch files) or saved (snapshot); appends sit
///   in a volatile buffer until <c>Flush</c>. A crash (<see cref="Crash"/>) loses the buffer.
/// - Every durable write can be a crash point, chosen with the seeded generator: the process dies
///   either just before the write completes or just after it, before the caller learns of it. A log
///   flush that dies before completing may still have written a prefix of the buffer (a torn write,
///   at transaction granularity: records carry checksums, so a torn record is dropped on recovery).
///   Epoch and snapshot saves are atomic (write a temporary file, fsync, rename): old or new, never half.
/// - A crashed disk refuses nothing but records nothing: the dying process's actors may still run a
///   few steps until their system is stopped, and none of what they write reaches the disk. Opening
///   the disk for the next incarnation lifts the fence.
/// - There are no read errors or bit rot: the Quorum layer keeps no checksums to detect them.
/// - Write latency is not modelled here: the peer calls the disk synchronously from its TxnLogActor,
///   so a call cannot take virtual time. The simulator models a slow disk as a slow sender instead
///   (its acknowledgements, which follow the fsync, arrive late); see SimulatedNetwork.SlowDown.
/// Only the peer's TxnLogActor and the single simulation thread touch it.
/// </summary>
public sealed class SimulatedDisk : IPeerStorage, ISimulatedStorage
{
    private readonly SimulationRandom random;
    private readonly List<Txn> durable = [];
    private readonly List<Txn> buffered = [];
    private Snapshot? snapshot;
    private long acceptedEpoch;
    private long currentEpoch;

    public SimulatedDisk(long sid, SimulationRandom random, DiskOptions options)
    {
        Sid = sid;
        this.random = random;
        Options = options.Validate();
        Log = new TxnLogView(this);
        Epochs = new EpochView(this);
        Snapshots = new SnapshotView(this);
    }

    public long Sid { get; }

    /// <summary>Fault rates; the simulator turns crash points off in liveness mode.</summary>
    public DiskOptions Options { get; set; }

    /// <summary>Called (inside the writing actor's step) when a crash point fires; the cluster crashes the server at once.</summary>
    public Action<long, string>? CrashPointReached { get; set; }

    /// <summary>Where the disk reports what became durable and what a truncation removed, for the durability checker.</summary>
    public IHistorySink? History { get; set; }

    /// <summary>True from a crash until the next incarnation opens the disk: writes are ignored.</summary>
    public bool IsFenced { get; private set; }

    public ITxnLog Log { get; }

    public IEpochStore Epochs { get; }

    public ISnapshotStore Snapshots { get; }

    public DiskStatistics Statistics { get; } = new();

    public IReadOnlyList<Txn> DurableTxns => durable;

    public Snapshot? DurableSnapshot => snapshot;

    /// <summary>The process died: the volatile buffer is lost and writes are ignored until <see cref="Open"/>.</summary>
    public void Crash()
    {
        buffered.Clear();
        IsFenced = true;
    }

    /// <summary>A new incarnation starts on this disk.</summary>
    public IPeerStorage Open()
    {
        IsFenced = false;
        return this;
    }

    private Zxid LastZxid =>
        buffered.Count > 0 ? buffered[^1].Zxid : durable.Count > 0 ? durable[^1].Zxid : Zxid.Zero;

    private void Append(Txn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        if (IsFenced) return;
        if (txn.Zxid <= LastZxid)
        {
            throw new InvalidOperationException($"log append out of order on server {Sid}: {txn.Zxid} after {LastZxid}");
        }
        buffered.Add(txn);
    }

    private void Flush()
    {
        if (IsFenced || buffered.Count == 0 || Options.LyingFsync) return;
        Statistics.Flushes++;
        switch (NextCrashPoint())
        {
            case CrashPoint.Before:
                var written = random.Chance(Options.TornWriteProbability) ? random.Next(buffered.Count + 1) : 0;
                MakeDurable(written);
                CrashHere($"crash during log flush ({written} of the buffered transactions written)");
                return;
            case CrashPoint.After:
                MakeDurable(buffered.Count);
                CrashHere("crash right after a log flush");
                return;
            default:
                MakeDurable(buffered.Count);
                return;
        }
    }

    /// <summary>The first <paramref name="count"/> buffered transactions reach the disk; the rest of the buffer is gone.</summary>
    private void MakeDurable(int count)
    {
        var written = buffered.Take(count).ToList();
        durable.AddRange(written);
        buffered.Clear();
        if (written.Count > 0) History?.Record(new LogFlushed(Sid, [.. written.Select(txn => txn.Zxid)]));
    }

    private void TruncateAfter(Zxid zxid)
    {
        if (IsFenced) return;
        var crash = NextCrashPoint();
        if (crash == CrashPoint.Before)
        {
            CrashHere("crash before a log truncation");
            return;
        }
        // A truncation rewrites the log durably, so the buffered tail is written out or dropped with it.
        MakeDurable(buffered.Count);
        var keep = durable.FindLastIndex(txn => txn.Zxid <= zxid) + 1;
        durable.RemoveRange(keep, durable.Count - keep);
        History?.Record(new LogTruncated(Sid, zxid));
        Statistics.Truncations++;
        if (crash == CrashPoint.After) CrashHere("crash right after a log truncation");
    }

    private IEnumerable<Txn> ReadAfter(Zxid zxid) => [.. durable.Concat(buffered).Where(txn => txn.Zxid > zxid)];

    private void SaveEpochs(long? accepted, long? current)
    {
        if (IsFenced) return;
        var crash = NextCrashPoint();
        if (crash == CrashPoint.Before)
        {
            CrashHere("crash before an epoch file was renamed into place");
            return;
        }
        acceptedEpoch = accepted ?? acceptedEpoch;
        currentEpoch = current ?? currentEpoch;
        Statistics.EpochSaves++;
        if (crash == CrashPoint.After) CrashHere("crash right after an epoch save");
    }

    private void SaveSnapshot(Snapshot saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (IsFenced) return;
        var crash = NextCrashPoint();
        if (crash == CrashPoint.Before)
        {
            CrashHere("crash before a snapshot was renamed into place");
            return;
        }
        snapshot = saved;
        History?.Record(new SnapshotSaved(Sid, saved.Zxid));
        Statistics.SnapshotSaves++;
        if (crash == CrashPoint.After) CrashHere("crash right after a snapshot save");
    }

    private CrashPoint NextCrashPoint()
    {
        if (CrashPointReached is null || !random.Chance(Options.CrashAtWriteProbability)) return CrashPoint.None;
        return random.Chance(0.5) ? CrashPoint.Before : CrashPoint.After;
    }

    private void CrashHere(string reason)
    {
        Statistics.CrashPoints++;
        Crash();
        CrashPointReached?.Invoke(Sid, reason);
    }

    private enum CrashPoint
    {
        None,
        Before,
        After,
    }

    /// <summary>The disk's transaction log as the peer sees it.</summary>
    private sealed class TxnLogView(SimulatedDisk disk) : ITxnLog
    {
        public Zxid LastZxid => disk.LastZxid;

        public void Append(Txn txn) => disk.Append(txn);

        public void Flush() => disk.Flush();

        public void TruncateAfter(Zxid zxid) => disk.TruncateAfter(zxid);

        public IEnumerable<Txn> ReadAfter(Zxid zxid) => disk.ReadAfter(zxid);
    }

    /// <summary>The disk's two epoch files as the peer sees them.</summary>
    private sealed class EpochView(SimulatedDisk disk) : IEpochStore
    {
        public long AcceptedEpoch => disk.acceptedEpoch;

        public long CurrentEpoch => disk.currentEpoch;

        public void Save(long? acceptedEpoch, long? currentEpoch) => disk.SaveEpochs(acceptedEpoch, currentEpoch);
    }

    /// <summary>The disk's snapshot file as the peer sees it.</summary>
    private sealed class SnapshotView(SimulatedDisk disk) : ISnapshotStore
    {
        public void Save(Snapshot snapshot) => disk.SaveSnapshot(snapshot);

        public Snapshot? LoadLatest() => disk.snapshot;
    }
}
