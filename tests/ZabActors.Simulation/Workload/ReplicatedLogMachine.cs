using System.Buffers.Binary;
using System.Collections.Immutable;
using ZabActors.Simulation.Checkers;
using ZabActors.Zab;

namespace ZabActors.Simulation.Workload;

/// <summary>
/// The replicated application of the simulation: an append-only list of every transaction applied,
/// with a running hash. Keeping the whole history (not just a digest) lets the checkers compare a
/// restored snapshot's content with what other peers delivered. Every apply and restore is reported
/// to the history; a machine of a crashed incarnation reports nothing.
/// </summary>
public sealed class ReplicatedLogMachine : IStateMachine
{
    private const int EntryHeaderBytes = sizeof(long) + sizeof(int);

    private readonly long sid;
    private readonly int incarnation;
    private readonly IHistorySink history;
    private readonly Func<bool> alive;
    private readonly List<Txn> entries = [];

    public ReplicatedLogMachine(long sid, int incarnation, IHistorySink history, Func<bool> alive)
    {
        this.sid = sid;
        this.incarnation = incarnation;
        this.history = history;
        this.alive = alive;
    }

    public Zxid LastApplied { get; private set; } = Zxid.Zero;

    public ulong Hash { get; private set; } = ChainHash.Empty;

    public int Count => entries.Count;

    public IReadOnlyList<Txn> Entries => entries;

    public void Apply(Txn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        entries.Add(txn);
        Hash = ChainHash.Extend(Hash, txn);
        // Order is the checkers' business: a non-ascending apply is recorded, not refused, so that the
        // property it breaks is named in the report.
        LastApplied = Zxid.Max(LastApplied, txn.Zxid);
        if (alive()) history.Record(new TxnApplied(sid, incarnation, txn));
    }

    public Snapshot TakeSnapshot() => new(LastApplied, Bytes.Wrap(Serialize(entries)));

    public void Restore(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var restored = Deserialize(snapshot.Data);
        entries.Clear();
        Hash = ChainHash.Empty;
        foreach (var txn in restored)
        {
            entries.Add(txn);
            Hash = ChainHash.Extend(Hash, txn);
        }
        LastApplied = snapshot.Zxid;
        if (alive()) history.Record(new StateRestored(sid, incarnation, snapshot.Zxid, restored));
    }

    internal static byte[] Serialize(IReadOnlyList<Txn> txns)
    {
        var size = sizeof(int) + txns.Sum(t => EntryHeaderBytes + t.Data.Length);
        var buffer = new byte[size];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, txns.Count);
        var offset = sizeof(int);
        foreach (var txn in txns)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(offset), txn.Zxid.Value);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset + sizeof(long)), txn.Data.Length);
            txn.Data.Span.CopyTo(buffer.AsSpan(offset + EntryHeaderBytes));
            offset += EntryHeaderBytes + txn.Data.Length;
        }
        return buffer;
    }

    /// <summary>Reads a snapshot of this machine; anything else is refused with a clear error.</summary>
    internal static ImmutableArray<Txn> Deserialize(Bytes data)
    {
        var span = data.Span;
        if (span.Length == 0) return [];
        if (span.Length < sizeof(int)) throw new InvalidDataException("replicated-log snapshot: truncated header");
        var count = BinaryPrimitives.ReadInt32LittleEndian(span);
        if (count < 0) throw new InvalidDataException("replicated-log snapshot: negative entry count");
        var builder = ImmutableArray.CreateBuilder<Txn>(Math.Min(count, 1 << 16));
        var offset = sizeof(int);
        for (var i = 0; i < count; i++)
        {
            if (span.Length - offset < EntryHeaderBytes) throw new InvalidDataException($"replicated-log snapshot: entry {i} truncated");
            var zxid = new Zxid(BinaryPrimitives.ReadInt64LittleEndian(span[offset..]));
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[(offset + sizeof(long))..]);
            offset += EntryHeaderBytes;
            if (length < 0 || span.Length - offset < length) throw new InvalidDataException($"replicated-log snapshot: entry {i} payload truncated");
            builder.Add(new Txn(zxid, Bytes.CopyFrom(span.Slice(offset, length))));
            offset += length;
        }
        if (offset != span.Length) throw new InvalidDataException("replicated-log snapshot: trailing bytes");
        return builder.ToImmutable();
    }
}
