using System.Collections.Immutable;
using ZabActors.Simulation.Checkers;
using ZabActors.Simulation.Runtime;
using ZabActors.Zab;

namespace ZabActors.Simulation.Storage;

/// <summary>
/// One server's disk at the level of <see cref="QuorumPeer"/>'s storage outputs, outliving the server's
/// process incarnations (after TigerBeetle's testing/storage.zig). Fault model:
/// - Every operation the peer hands over (<see cref="Submit"/>) is queued and completes in order after a
///   seeded latency; its completion is its fsync. Only then is it durable and its confirmation
///   (<c>LogDurable</c>, <c>EpochsDurable</c>, ...) stepped into the peer. A slow disk adds latency for a
///   while: its confirmations arrive LATE, which is all a slow disk means to the peer.
/// - A crash keeps exactly what was fsynced: every queued, incomplete operation is lost. Each completion
///   may be a crash point: BEFORE the fsync (the operation is lost like the rest of the queue) or AFTER it
///   (durable, but the process dies before it learns so: no confirmation).
/// - Torn writes: when a crash finds an append not yet fsynced, with a seeded chance a prefix of its
///   transactions reached the disk and the record after them is torn. Recovery drops a torn record at
///   the end of the log, as ZooKeeper drops a partial record at the end of its log.
/// - Epoch files and snapshots are written atomically (temporary file, fsync, rename): old or new.
/// - Every record carries a checksum. Bit rot (<see cref="Rot"/>) flips a bit of a durable record that
///   recovery reads; a read fault makes one read fail its checksum. Both are caught at read time (a
///   restart's recovery, or a <c>LoadDisk</c>): a restart then does not start the peer, and a
///   <c>LoadDisk</c> fails with <c>StorageOpFailed</c>, on which the peer stops for good. A rotted disk
///   stays unreadable; a read fault is transient.
/// - A fenced disk (from a crash until the next incarnation opens it) ignores every operation.
/// Everything runs on the single simulation thread, in virtual time.
/// </summary>
public sealed partial class SimulatedDisk
{
    private readonly VirtualScheduler scheduler;
    private readonly SimulationRandom random;
    private readonly IHistorySink history;
    private readonly List<DiskRecord> log = [];
    private readonly SortedDictionary<Zxid, DiskRecord> snapshots = [];
    private readonly Queue<StorageOp> queued = new();
    private Action<IPeerInput>? confirm;
    private TimeSpan lastCompletion;
    private TimeSpan slowUntil;
    private TimeSpan slowExtra;
    private int generation;

    public SimulatedDisk(long sid, VirtualScheduler scheduler, SimulationRandom random, DiskOptions options, IHistorySink history)
    {
        Sid = sid;
        this.scheduler = scheduler;
        this.random = random;
        this.history = history;
        Options = options.Validate();
    }

    public long Sid { get; }

    /// <summary>Fault rates; the simulator turns crash points, read faults and slowness off in liveness mode.</summary>
    public DiskOptions Options { get; set; }

    /// <summary>Called when a crash point fires; the cluster crashes the server at once.</summary>
    public Action<long, string>? CrashPointReached { get; set; }

    public bool IsFenced { get; private set; } = true;

    public DiskStatistics Statistics { get; } = new();

    public long AcceptedEpoch { get; private set; }

    public long CurrentEpoch { get; private set; }

    /// <summary>Operations handed over and not yet complete.</summary>
    public int QueuedCount => queued.Count;

    /// <summary>The transactions on the disk now (fsynced, or lying about it), torn or rotted ones included.</summary>
    public IReadOnlyList<Txn> LoggedTxns => [.. log.Select(record => record.Txn)];

    /// <summary>True once bit rot damaged a record that recovery reads: the disk can no longer be read.</summary>
    public bool IsRotted => ReadableLog().Any(record => !record.Intact && !record.Torn) || LatestSnapshotRecord() is { Intact: false };

    public Zxid LatestSnapshotZxid => LatestSnapshotRecord()?.Zxid ?? Zxid.Zero;

    /// <summary>A new incarnation opens the disk and recovers from it: its start view, or why it cannot read it.</summary>
    public DiskRead Open(Action<IPeerInput> confirmation, int committedLogSize)
    {
        IsFenced = false;
        confirm = confirmation;
        lastCompletion = scheduler.Elapsed;
        return Read(null, committedLogSize);
    }

    /// <summary>The process died: queued operations are lost (a torn write may keep part of an append); the disk is fenced.</summary>
    public void Crash()
    {
        if (IsFenced)
        {
            return;
        }
        if (queued.TryPeek(out var first) && first is AppendTxns append && random.Chance(Options.TornWriteProbability))
        {
            TearInto(append);
        }
        queued.Clear();
        log.RemoveAll(record => record.Volatile);
        generation++;
        IsFenced = true;
        confirm = null;
    }

    /// <summary>Hands one operation to the disk; it completes (and is confirmed) after the seeded latency, in order.</summary>
    public void Submit(StorageOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (IsFenced)
        {
            return;
        }
        var latency = TimeSpan.FromMilliseconds(random.Next(Options.LatencyMaxMs + 1));
        if (slowUntil > scheduler.Elapsed)
        {
            latency += slowExtra;
        }
        var start = lastCompletion > scheduler.Elapsed ? lastCompletion : scheduler.Elapsed;
        lastCompletion = start + latency;
        queued.Enqueue(op);
        var submitted = generation;
        scheduler.ScheduleAt(lastCompletion, () =>
        {
            if (submitted == generation)
            {
                Complete();
            }
        });
    }

    /// <summary>Every operation submitted in the next <paramref name="duration"/> takes <paramref name="extra"/> longer.</summary>
    public void SlowDown(TimeSpan extra, TimeSpan duration)
    {
        slowExtra = extra;
        slowUntil = scheduler.Elapsed + duration;
    }

    public void EndSlowness() => slowUntil = TimeSpan.Zero;

    /// <summary>
    /// Bit rot: flips a bit of one durable record that recovery will read (the latest snapshot or a log
    /// record after it), chosen with the seeded generator. False when there is nothing to rot.
    /// </summary>
    public bool Rot()
    {
        var candidates = ReadableLog().Where(record => !record.Volatile && !record.Torn).ToList();
        var snapshot = LatestSnapshotRecord();
        var total = candidates.Count + (snapshot is null ? 0 : 1);
        if (total == 0)
        {
            return false;
        }
        var pick = random.Next(total);
        var position = random.Next(1 << 16);
        if (pick < candidates.Count)
        {
            var index = log.IndexOf(candidates[pick]);
            log[index] = log[index].Rotted(position);
        }
        else
        {
            snapshots[snapshot!.Zxid] = snapshot.Rotted(position);
        }
        Statistics.Rots++;
        history.Record(new SimulatorAction($"bit rot on disk {Sid}"));
        return true;
    }

    private void Complete()
    {
        var op = queued.Peek();
        var crash = NextCrashPoint();
        if (crash == CrashPoint.Before)
        {
            CrashHere($"crash before the fsync of {Name(op)}");
            return;
        }
        queued.Dequeue();
        var reply = Apply(op);
        if (crash == CrashPoint.After)
        {
            CrashHere($"crash right after the fsync of {Name(op)}");
            return;
        }
        if (reply is not null)
        {
            confirm?.Invoke(reply);
        }
    }

    private IPeerInput? Apply(StorageOp op)
    {
        switch (op)
        {
            case AppendTxns append:
                AppendDurably(append.Txns);
                return new LogDurable(append.Last);
            case SaveEpochs save:
                AcceptedEpoch = save.AcceptedEpoch ?? AcceptedEpoch;
                CurrentEpoch = save.CurrentEpoch ?? CurrentEpoch;
                Statistics.EpochSaves++;
                return new EpochsDurable(save.AcceptedEpoch, save.CurrentEpoch);
            case WriteSnapshot write:
                snapshots[write.Snapshot.Zxid] = DiskRecord.Of(write.Snapshot.Zxid, write.Snapshot.Data);
                Statistics.SnapshotSaves++;
                history.Record(new SnapshotSaved(Sid, write.Snapshot.Zxid));
                return new SnapshotWritten(write.Snapshot.Zxid);
            case DeleteSnapshotsAfter delete:
                foreach (var newer in snapshots.Keys.Where(zxid => zxid > delete.Zxid).ToList())
                {
                    snapshots.Remove(newer);
                }
                history.Record(new SnapshotsDeleted(Sid, delete.Zxid, LatestSnapshotZxid));
                return null;
            case TruncateLog truncate:
                log.RemoveAll(record => record.Zxid > truncate.After);
                Statistics.Truncations++;
                history.Record(new LogTruncated(Sid, truncate.After));
                return new TruncationDurable(truncate.After);
            case PurgeBefore purge:
                Purge(purge.OldestKept);
                return null;
            case LoadDisk load:
                var read = Read(load, load.CommittedLogSize);
                return read.Failure is { } failure ? new StorageOpFailed(load, failure) : new DiskLoaded(read.Disk!, LatestSnapshotZxid);
            default:
                throw new InvalidOperationException($"the simulated disk does not know the operation {op}");
        }
    }

    private void AppendDurably(ImmutableArray<Txn> txns)
    {
        foreach (var txn in txns)
        {
            if (log.Count > 0 && txn.Zxid <= log[^1].Zxid)
            {
                throw new InvalidOperationException($"log append out of order on server {Sid}: {txn.Zxid} after {log[^1].Zxid}");
            }
            log.Add(DiskRecord.Of(txn.Zxid, txn.Data) with { Volatile = Options.LyingFsync });
        }
        Statistics.Flushes++;
        if (!Options.LyingFsync)
        {
            history.Record(new LogFlushed(Sid, [.. txns.Select(txn => txn.Zxid)]));
        }
    }

    /// <summary>A crash caught this append before its fsync: a seeded prefix reached the disk, then a torn record.</summary>
    private void TearInto(AppendTxns append)
    {
        var whole = random.Next(append.Txns.Length);
        var written = append.Txns.Take(whole).Where(txn => log.Count == 0 || txn.Zxid > log[^1].Zxid).ToList();
        foreach (var txn in written)
        {
            log.Add(DiskRecord.Of(txn.Zxid, txn.Data));
        }
        var torn = append.Txns[whole];
        if (log.Count == 0 || torn.Zxid > log[^1].Zxid)
        {
            log.Add(DiskRecord.Of(torn.Zxid, torn.Data) with { Torn = true });
        }
        Statistics.TornWrites++;
        if (written.Count > 0)
        {
            history.Record(new LogFlushed(Sid, [.. written.Select(txn => txn.Zxid)]));
        }
        history.Record(new SimulatorAction($"torn write on disk {Sid}: {written.Count} of {append.Txns.Length} txns written, then a torn record"));
    }

    private void Purge(Zxid oldestKept)
    {
        foreach (var old in snapshots.Keys.Where(zxid => zxid < oldestKept).ToList())
        {
            snapshots.Remove(old);
        }
        log.RemoveAll(record => record.Zxid < oldestKept);
    }

    private CrashPoint NextCrashPoint()
    {
        if (CrashPointReached is null || !random.Chance(Options.CrashAtWriteProbability))
        {
            return CrashPoint.None;
        }
        return random.Chance(0.5) ? CrashPoint.Before : CrashPoint.After;
    }

    private void CrashHere(string reason)
    {
        Statistics.CrashPoints++;
        CrashPointReached?.Invoke(Sid, reason);
        Crash();
    }

    private static string Name(StorageOp op) => op switch
    {
        AppendTxns append => $"append {append.Txns[0].Zxid}..{append.Last}",
        _ => op.GetType().Name,
    };

    private enum CrashPoint
    {
        None,
        Before,
        After,
    }
}
