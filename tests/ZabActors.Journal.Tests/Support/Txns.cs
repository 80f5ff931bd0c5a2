using System.Collections.Immutable;
using ZabActors.Zab;

namespace ZabActors.Journal.Tests.Support;

/// <summary>Small builders for transactions and snapshots in epoch 1.</summary>
public static class Txns
{
    public static Zxid Z(long counter, long epoch = 1) => Zxid.Make(epoch, counter);

    public static Txn Txn(long counter, long epoch = 1) => new(Z(counter, epoch), Bytes.FromUtf8($"txn {epoch}:{counter}"));

    public static ImmutableArray<Txn> Range(long from, long to, long epoch = 1) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => Txn(i, epoch))];

    public static AppendTxns Append(long from, long to, long epoch = 1) => new(Range(from, to, epoch));

    public static Snapshot Snap(long counter, long epoch = 1) => new(Z(counter, epoch), Bytes.FromUtf8($"state at {epoch}:{counter}"));
}
