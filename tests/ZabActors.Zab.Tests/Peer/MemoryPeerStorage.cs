namespace ZabActors.Zab.Tests.Peer;

/// <summary>
/// One peer's durable storage for the pure harness: log, epochs and snapshots, all durable as soon as an
/// operation is carried out (a crash keeps everything executed), plus a trace of every operation in order
/// and a hook that makes the next matching operation fail.
/// </summary>
internal sealed class MemoryPeerStorage : ITxnLog, IEpochStore
{
    private readonly List<Txn> log = [];

    public long AcceptedEpoch { get; private set; }

    public long CurrentEpoch { get; private set; }

    public SortedDictionary<Zxid, Snapshot> Snapshots { get; } = [];

    public List<StorageOp> Trace { get; } = [];

    public IReadOnlyList<Txn> Log => log;

    /// <summary>When set, the next operation it matches fails (and the hook is cleared).</summary>
    public Func<StorageOp, bool>? FailNext { get; set; }

    public Zxid LastZxid => log.Count > 0 ? log[^1].Zxid : LatestSnapshot?.Zxid ?? Zxid.Zero;

    public Snapshot? LatestSnapshot => Snapshots.Count == 0 ? null : Snapshots.Values.Last();

    public bool ShouldFail(StorageOp op)
    {
        Trace.Add(op);
        if (FailNext is { } fail && fail(op))
        {
            FailNext = null;
            return true;
        }
        return false;
    }

    public void Append(Txn txn)
    {
        if (log.Count > 0 && txn.Zxid <= log[^1].Zxid)
        {
            throw new InvalidOperationException($"append {txn.Zxid} after {log[^1].Zxid}");
        }
        log.Add(txn);
    }

    public void Flush()
    {
    }

    public void TruncateAfter(Zxid zxid) => log.RemoveAll(txn => txn.Zxid > zxid);

    public void PurgeBefore(Zxid zxid)
    {
        foreach (var old in Snapshots.Keys.Where(z => z < zxid).ToList())
        {
            Snapshots.Remove(old);
        }
        log.RemoveAll(txn => txn.Zxid < zxid);
    }

    public void DeleteSnapshotsAfter(Zxid zxid)
    {
        foreach (var newer in Snapshots.Keys.Where(z => z > zxid).ToList())
        {
            Snapshots.Remove(newer);
        }
    }

    public IEnumerable<Txn> ReadAfter(Zxid zxid) => log.Where(txn => txn.Zxid > zxid);

    public void Save(long? acceptedEpoch, long? currentEpoch)
    {
        AcceptedEpoch = acceptedEpoch ?? AcceptedEpoch;
        CurrentEpoch = currentEpoch ?? CurrentEpoch;
    }

    public PeerDisk Read(Zxid lastApplied, int committedLogSize) =>
        PeerDisk.Read(this, this, LatestSnapshot?.Zxid ?? Zxid.Zero, lastApplied, committedLogSize);
}
