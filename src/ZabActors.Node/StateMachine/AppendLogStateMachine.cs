using ZabActors.Node.Admin;
using ZabActors.Zab;

namespace ZabActors.Node.StateMachine;

/// <summary>
/// The node's replicated state machine for now: an append-only log of every applied transaction, in
/// zxid order. It serves no reads beyond the history itself, which is exactly what is needed to check
/// that every node applied the same transactions (the coordination data tree comes with the client
/// protocol). Its snapshot is the whole log. The peer's actors apply; the admin actor reads the
/// history from another thread, so every member takes the lock.
/// </summary>
public sealed class AppendLogStateMachine : IStateMachine
{
    private const byte SnapshotVersion = 1;
    private readonly object gate = new();
    private readonly List<Txn> applied = [];
    private Zxid lastApplied = Zxid.Zero;

    public Zxid LastApplied
    {
        get
        {
            lock (gate)
                return lastApplied;
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
                return applied.Count;
        }
    }

    public void Apply(Txn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        lock (gate)
        {
            if (txn.Zxid <= lastApplied)
                throw new InvalidOperationException($"applying {txn.Zxid} after {lastApplied}: zxids must ascend");
            applied.Add(txn);
            lastApplied = txn.Zxid;
        }
    }

    /// <summary>Layout: version byte, count (4 bytes LE), then each transaction as zxid (8 bytes LE) and length-prefixed data.</summary>
    public Snapshot TakeSnapshot()
    {
        lock (gate)
        {
            using var stream = new MemoryStream(16 + applied.Sum(t => t.Data.Length + 12));
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(SnapshotVersion);
                writer.Write(applied.Count);
                foreach (var txn in applied)
                {
                    writer.Write(txn.Zxid.Value);
                    writer.Write(txn.Data.Length);
                    writer.Write(txn.Data.Span);
                }
            }
            return new Snapshot(lastApplied, Bytes.Wrap(stream.ToArray()));
        }
    }

    /// <summary>Replaces the log with the snapshot's; a malformed snapshot throws <see cref="InvalidDataException"/> and changes nothing.</summary>
    public void Restore(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var restored = Decode(snapshot);
        lock (gate)
        {
            applied.Clear();
            applied.AddRange(restored);
            lastApplied = snapshot.Zxid;
        }
    }

    /// <summary>Up to <paramref name="max"/> transactions (and about <paramref name="maxBytes"/>) with a zxid above <paramref name="after"/>, as history entries.</summary>
    public HistoryChunk ReadHistory(Zxid after, int max, long maxBytes = long.MaxValue)
    {
        lock (gate)
        {
            var start = FirstAbove(after);
            var count = Math.Clamp(applied.Count - start, 0, Math.Max(0, max));
            // Keeps a reply within the remoting frame: stop once the payloads reach the byte budget (always one entry).
            var bytes = 0L;
            for (var i = 0; i < count; i++)
            {
                bytes += applied[start + i].Data.Length + 24;
                if (bytes > maxBytes && i > 0)
                {
                    count = i;
                    break;
                }
            }
            var entries = new List<HistoryEntry>(count);
            for (var i = start; i < start + count; i++)
                entries.Add(ToEntry(applied[i]));
            return new HistoryChunk(entries, lastApplied, start + count < applied.Count);
        }
    }

    public static HistoryEntry ToEntry(Txn txn)
    {
        var origin = TxnOrigin.TryDecode(txn.Data, out var sid, out _) ? sid : -1;
        return new HistoryEntry(txn.Zxid, origin, Bytes.CopyFrom(TxnOrigin.Payload(txn).Span));
    }

    private int FirstAbove(Zxid after)
    {
        int low = 0, high = applied.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (applied[mid].Zxid <= after)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }

    private static List<Txn> Decode(Snapshot snapshot)
    {
        var data = snapshot.Data.Memory.ToArray();
        using var reader = new BinaryReader(new MemoryStream(data));
        try
        {
            var version = reader.ReadByte();
            if (version != SnapshotVersion)
            {
                throw new InvalidDataException($"snapshot version {version} is not {SnapshotVersion}");
            }
            var count = reader.ReadInt32();
            if (count < 0 || count > (data.Length - 5) / 12)
            {
                throw new InvalidDataException($"snapshot claims {count} transactions in {data.Length} bytes");
            }
            var txns = new List<Txn>(count);
            var previous = Zxid.Zero;
            for (var i = 0; i < count; i++)
            {
                var zxid = new Zxid(reader.ReadInt64());
                if (zxid <= previous || zxid > snapshot.Zxid)
                {
                    throw new InvalidDataException($"snapshot transaction {zxid} is out of order (after {previous}, snapshot at {snapshot.Zxid})");
                }
                var length = reader.ReadInt32();
                if (length < 0 || length > data.Length - reader.BaseStream.Position)
                {
                    throw new InvalidDataException($"snapshot transaction {zxid} claims {length} bytes");
                }
                txns.Add(new Txn(zxid, Bytes.Wrap(reader.ReadBytes(length))));
                previous = zxid;
            }
            if (reader.BaseStream.Position != data.Length)
            {
                throw new InvalidDataException("snapshot has bytes left over after its last transaction");
            }
            return txns;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("snapshot is truncated", e);
        }
    }
}
