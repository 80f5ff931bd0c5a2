using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// A transaction log in memory with a disk's durability model: appended transactions are buffered
/// until <see cref="Flush"/>; <see cref="DiscardUnflushed"/> (a crash) drops the buffer. Truncation
/// is durable at once, and so is a purge of old entries. Thread-safe, so a test may read it while the
/// peer's TxnLogActor writes.
/// </summary>
public sealed class InMemoryTxnLog : ITxnLog, IPurgeableTxnLog
{
    private readonly object gate = new();
    private readonly List<Txn> durable = [];
    private readonly List<Txn> buffered = [];

    public Zxid LastZxid
    {
        get
        {
            lock (gate)
            {
                return LastLocked();
            }
        }
    }

    /// <summary>The zxid of the last flushed transaction; Zero when none.</summary>
    public Zxid LastDurableZxid
    {
        get
        {
            lock (gate)
            {
                return durable.Count > 0 ? durable[^1].Zxid : Zxid.Zero;
            }
        }
    }

    /// <summary>How many times <see cref="Flush"/> wrote something (group commit makes this far smaller than the appends).</summary>
    public long FlushCount { get; private set; }

    public void Append(Txn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        lock (gate)
        {
            var last = LastLocked();
            if (txn.Zxid <= last)
            {
                throw new InvalidOperationException($"log append out of order: {txn.Zxid} after {last}");
            }
            buffered.Add(txn);
        }
    }

    public void Flush()
    {
        lock (gate)
        {
            if (buffered.Count == 0)
            {
                return;
            }
            durable.AddRange(buffered);
            buffered.Clear();
            FlushCount++;
        }
    }

    public void TruncateAfter(Zxid zxid)
    {
        lock (gate)
        {
            // A truncate is a durable rewrite, so whatever was buffered is written out or dropped with it.
            durable.AddRange(buffered);
            buffered.Clear();
            var keep = durable.FindLastIndex(txn => txn.Zxid <= zxid) + 1;
            durable.RemoveRange(keep, durable.Count - keep);
        }
    }

    /// <summary>Drops durable transactions below <paramref name="zxid"/>; the newest durable one always stays, so the log's end is kept.</summary>
    public void PurgeBefore(Zxid zxid)
    {
        lock (gate)
        {
            var below = durable.FindIndex(txn => txn.Zxid >= zxid);
            var purge = Math.Min(below >= 0 ? below : durable.Count, durable.Count - 1);
            if (purge > 0)
            {
                durable.RemoveRange(0, purge);
            }
        }
    }

    public IEnumerable<Txn> ReadAfter(Zxid zxid)
    {
        lock (gate)
        {
            return [.. durable.Concat(buffered).Where(txn => txn.Zxid > zxid)];
        }
    }

    /// <summary>The durable transactions, in order (what a restart would read).</summary>
    public IReadOnlyList<Txn> DurableTxns()
    {
        lock (gate)
        {
            return [.. durable];
        }
    }

    /// <summary>Drops everything appended but not flushed, as a crash of the process would.</summary>
    public void DiscardUnflushed()
    {
        lock (gate)
        {
            buffered.Clear();
        }
    }

    private Zxid LastLocked() =>
        buffered.Count > 0 ? buffered[^1].Zxid : durable.Count > 0 ? durable[^1].Zxid : Zxid.Zero;
}
