using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>Where a crash hits: the <see cref="Index"/>-th durable operation since arming, just before or just after it.</summary>
internal sealed record CrashPoint(int Index, bool After)
{
    public override string ToString() => $"{(After ? "after" : "before")} durable operation {Index}";
}

/// <summary>
/// An <see cref="InMemoryPeerStorage"/> seen through a wrapper that names every durable operation
/// (flush, truncate, epoch save, snapshot save, purge), records it (in <see cref="Operations"/> and an
/// optional shared <see cref="Timeline"/>), and can crash the peer at any of them: just before the
/// operation reaches the disk, or just after it. From the crash on every call throws, so the dying
/// peer can neither write nor confirm anything more (its TxnLogActor reports the failure, and a peer
/// whose storage cannot be read stops); the test then stops it and calls <see cref="InMemoryPeerStorage.Crash"/>.
/// With <see cref="FailOnCrash"/> off the point only raises <see cref="Crashed"/> (to crash another peer there).
/// </summary>
internal sealed class CrashingPeerStorage : IPeerStorage
{
    private readonly object gate = new();
    private readonly List<string> operations = [];
    private readonly Timeline? timeline;
    private CrashPoint? crashAt;
    private int durableOps;

    public CrashingPeerStorage(long sid, InMemoryPeerStorage inner, Timeline? timeline = null)
    {
        Sid = sid;
        Inner = inner;
        this.timeline = timeline;
        Log = new LogView(this);
        Epochs = new EpochView(this);
        Snapshots = new SnapshotView(this);
    }

    public long Sid { get; }

    public InMemoryPeerStorage Inner { get; }

    public ITxnLog Log { get; }

    public IEpochStore Epochs { get; }

    public ISnapshotStore Snapshots { get; }

    public bool FailOnCrash { get; set; } = true;

    /// <summary>The crash point was reached.</summary>
    public bool Crashed { get; private set; }

    /// <summary>The durable operations carried out (or attempted, for the one a crash hit) since <see cref="Arm"/>.</summary>
    public IReadOnlyList<string> Operations
    {
        get
        {
            lock (gate)
            {
                return [.. operations];
            }
        }
    }

    /// <summary>Starts counting durable operations afresh; the peer crashes at <paramref name="point"/> (never when null).</summary>
    public void Arm(CrashPoint? point)
    {
        lock (gate)
        {
            crashAt = point;
            durableOps = 0;
            operations.Clear();
            Crashed = false;
        }
    }

    private void Volatile(Action action)
    {
        ThrowIfDead();
        action();
    }

    private T Read<T>(Func<T> read)
    {
        ThrowIfDead();
        return read();
    }

    /// <summary>Runs one durable operation, crashing before or after it when it is the chosen one.</summary>
    private void Durable(string name, Action action)
    {
        ThrowIfDead();
        int index;
        lock (gate)
        {
            index = durableOps++;
            operations.Add(name);
        }
        timeline?.Add($"{Sid} {name}");
        if (crashAt is { After: false } before && before.Index == index)
        {
            CrashNow(name, before);
        }
        action();
        if (crashAt is { After: true } after && after.Index == index)
        {
            CrashNow(name, after);
        }
    }

    private void CrashNow(string name, CrashPoint point)
    {
        Crashed = true;
        if (FailOnCrash)
        {
            throw new IOException($"server {Sid} crashed {point} ({name})");
        }
    }

    private void ThrowIfDead()
    {
        if (Crashed && FailOnCrash)
        {
            throw new IOException($"server {Sid} has crashed");
        }
    }

    private sealed class LogView(CrashingPeerStorage owner) : ITxnLog, IPurgeableTxnLog
    {
        public Zxid LastZxid => owner.Read(() => owner.Inner.Log.LastZxid);

        public void Append(Txn txn) => owner.Volatile(() => owner.Inner.Log.Append(txn));

        public void Flush() => owner.Durable($"flush to {owner.Inner.Log.LastZxid}", owner.Inner.Log.Flush);

        public void TruncateAfter(Zxid zxid) => owner.Durable($"truncate after {zxid}", () => owner.Inner.Log.TruncateAfter(zxid));

        public IEnumerable<Txn> ReadAfter(Zxid zxid) => owner.Read(() => owner.Inner.Log.ReadAfter(zxid));

        public void PurgeBefore(Zxid zxid) => owner.Durable($"purge log before {zxid}", () => owner.Inner.Log.PurgeBefore(zxid));
    }

    private sealed class EpochView(CrashingPeerStorage owner) : IEpochStore
    {
        public long AcceptedEpoch => owner.Read(() => owner.Inner.Epochs.AcceptedEpoch);

        public long CurrentEpoch => owner.Read(() => owner.Inner.Epochs.CurrentEpoch);

        public void Save(long? acceptedEpoch, long? currentEpoch) =>
            owner.Durable($"epochs accepted={acceptedEpoch?.ToString() ?? "-"} current={currentEpoch?.ToString() ?? "-"}",
                () => owner.Inner.Epochs.Save(acceptedEpoch, currentEpoch));
    }

    private sealed class SnapshotView(CrashingPeerStorage owner) : ISnapshotStore, IPurgeableSnapshotStore
    {
        public void Save(Snapshot snapshot) => owner.Durable($"snapshot {snapshot.Zxid}", () => owner.Inner.Snapshots.Save(snapshot));

        public Snapshot? LoadLatest() => owner.Read(owner.Inner.Snapshots.LoadLatest);

        public void DeleteBefore(Zxid zxid) => owner.Durable($"delete snapshots before {zxid}", () => owner.Inner.Snapshots.DeleteBefore(zxid));
    }
}
