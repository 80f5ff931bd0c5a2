using System.Globalization;

namespace ZabActors.Zab;

/// <summary>
/// A ZooKeeper transaction id: the epoch of the leader that proposed it in the high 32 bits and a
/// per-epoch counter in the low 32 bits (ZooKeeper's <c>ZxidUtils</c>). Ordering is the signed order
/// of the underlying long, exactly as ZooKeeper compares zxids.
/// </summary>
public readonly record struct Zxid(long Value) : IComparable<Zxid>
{
    /// <summary>The largest counter value; ZooKeeper never proposes it and forces a re-election instead.</summary>
    public const long CounterMax = 0xffffffffL;

    /// <summary>The largest epoch that fits the high 32 bits while keeping zxids positive.</summary>
    public const long EpochMax = int.MaxValue;

    public static readonly Zxid Zero = new(0);

    /// <summary>Marks "no zxid" where ZooKeeper uses Long.MIN_VALUE (an observer's election vote).</summary>
    public static readonly Zxid None = new(long.MinValue);

    public static Zxid Make(long epoch, long counter)
    {
        if (epoch < 0 || epoch > EpochMax)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "epoch must fit 31 bits");
        }
        if (counter < 0 || counter > CounterMax)
        {
            throw new ArgumentOutOfRangeException(nameof(counter), counter, "counter must fit 32 bits");
        }
        return new Zxid((epoch << 32) | counter);
    }

    public long Epoch => Value >> 32;

    public long Counter => Value & CounterMax;

    /// <summary>True for the zxid a new leader announces (counter 0); no transaction carries it.</summary>
    public bool IsEpochStart => Counter == 0;

    public int CompareTo(Zxid other) => Value.CompareTo(other.Value);

    public static bool operator <(Zxid left, Zxid right) => left.Value < right.Value;

    public static bool operator >(Zxid left, Zxid right) => left.Value > right.Value;

    public static bool operator <=(Zxid left, Zxid right) => left.Value <= right.Value;

    public static bool operator >=(Zxid left, Zxid right) => left.Value >= right.Value;

    public static Zxid Max(Zxid a, Zxid b) => a >= b ? a : b;

    public static Zxid Min(Zxid a, Zxid b) => a <= b ? a : b;

    public override string ToString() => "0x" + ((ulong)Value).ToString("x", CultureInfo.InvariantCulture);
}
