using System.Buffers.Binary;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>A state machine that remembers every applied transaction, in order; its snapshot is that list.</summary>
internal sealed class ListStateMachine : IStateMachine
{
    private readonly List<Txn> applied = [];

    public Zxid LastApplied { get; private set; } = Zxid.Zero;

    public IReadOnlyList<Txn> Applied => applied;

    /// <summary>A fresh machine restored from <paramref name="snapshot"/>.</summary>
    public static ListStateMachine Restored(Snapshot snapshot)
    {
        var machine = new ListStateMachine();
        machine.Restore(snapshot);
        return machine;
    }

    /// <summary>The next apply throws (once), to test how a peer survives a failing application.</summary>
    public bool FailNextApply { get; set; }

    public void Apply(Txn txn)
    {
        if (FailNextApply)
        {
            FailNextApply = false;
            throw new InvalidOperationException($"the application refused {txn.Zxid}");
        }
        if (txn.Zxid <= LastApplied)
        {
            throw new InvalidOperationException($"applied {txn.Zxid} after {LastApplied}");
        }
        applied.Add(txn);
        LastApplied = txn.Zxid;
    }

    public Snapshot TakeSnapshot()
    {
        var buffer = new List<byte>();
        Span<byte> header = stackalloc byte[12];
        foreach (var txn in applied)
        {
            BinaryPrimitives.WriteInt64BigEndian(header, txn.Zxid.Value);
            BinaryPrimitives.WriteInt32BigEndian(header[8..], txn.Data.Length);
            buffer.AddRange(header.ToArray());
            buffer.AddRange(txn.Data.Span.ToArray());
        }
        return new Snapshot(LastApplied, Bytes.Wrap([.. buffer]));
    }

    public void Restore(Snapshot snapshot)
    {
        applied.Clear();
        var span = snapshot.Data.Span;
        while (span.Length > 0)
        {
            var zxid = new Zxid(BinaryPrimitives.ReadInt64BigEndian(span));
            var length = BinaryPrimitives.ReadInt32BigEndian(span[8..]);
            applied.Add(new Txn(zxid, Bytes.CopyFrom(span.Slice(12, length))));
            span = span[(12 + length)..];
        }
        LastApplied = snapshot.Zxid;
    }
}
