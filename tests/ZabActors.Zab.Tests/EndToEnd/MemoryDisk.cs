namespace ZabActors.Zab.Tests;

/// <summary>One peer's storage for the in-test ensemble: txn log, epoch files, snapshot and the applied state.</summary>
internal sealed class MemoryDisk : ITxnLog, IEpochStore
{
    private readonly List<Txn> log = [];

    public long AcceptedEpoch { get; private set; }

    public long CurrentEpoch { get; private set; }

    public Snapshot? Snapshot { get; private set; }

    /// <summary>The state machine: every transaction applied, in order (restored from a snapshot as a list).</summary>
    public List<Txn> Applied { get; } = [];

    public IReadOnlyList<Txn> Log => log;

    public Zxid LastZxid => log.Count > 0 ? log[^1].Zxid : Snapshot?.Zxid ?? Zxid.Zero;

    public Zxid LastApplied => Applied.Count > 0 ? Applied[^1].Zxid : Zxid.Zero;

    public static MemoryDisk With(long epoch, IEnumerable<Txn> logged, int applied)
    {
        var disk = new MemoryDisk { AcceptedEpoch = epoch, CurrentEpoch = epoch };
        disk.log.AddRange(logged);
        disk.Applied.AddRange(disk.log.Take(applied));
        return disk;
    }

    public void Append(Txn txn)
    {
        if (txn.Zxid <= LastZxid)
        {
            throw new InvalidOperationException($"append {txn.Zxid} after {LastZxid}");
        }
        log.Add(txn);
    }

    public void Flush()
    {
    }

    public void TruncateAfter(Zxid zxid) => log.RemoveAll(txn => txn.Zxid > zxid);

    public IEnumerable<Txn> ReadAfter(Zxid zxid) => log.Where(txn => txn.Zxid > zxid);

    public void Save(long? acceptedEpoch, long? currentEpoch)
    {
        AcceptedEpoch = acceptedEpoch ?? AcceptedEpoch;
        CurrentEpoch = currentEpoch ?? CurrentEpoch;
    }

    public PeerDisk Read() => PeerDisk.Read(this, this, Snapshot?.Zxid ?? Zxid.Zero, LastApplied, Z.Timing.CommittedLogSize);

    public Snapshot TakeSnapshot() =>
        new(LastApplied, Bytes.FromUtf8(string.Join("\n", Applied.Select(t => $"{t.Zxid.Value}:{t.Data.ToUtf8()}"))));

    public void Install(Snapshot snapshot)
    {
        Snapshot = snapshot;
        TruncateAfter(snapshot.Zxid);
        Applied.Clear();
        var text = snapshot.Data.ToUtf8();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            Applied.Add(new Txn(new Zxid(long.Parse(line[..colon])), Bytes.FromUtf8(line[(colon + 1)..])));
        }
    }

    public void Apply(Txn txn)
    {
        if (txn.Zxid <= LastApplied)
        {
            throw new InvalidOperationException($"apply {txn.Zxid} after {LastApplied}");
        }
        Applied.Add(txn);
    }
}
