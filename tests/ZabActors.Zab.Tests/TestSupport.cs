using System.Collections.Immutable;

namespace ZabActors.Zab.Tests;

/// <summary>Small builders shared by the core tests.</summary>
internal static class Z
{
    public static Zxid X(long epoch, long counter) => Zxid.Make(epoch, counter);

    public static Zxid Zero() => Zxid.Zero;

    public static Txn T(long epoch, long counter, string? data = null) =>
        new(Zxid.Make(epoch, counter), Bytes.FromUtf8(data ?? $"e{epoch}c{counter}"));

    /// <summary>A txn whose zxid is the raw number, as ZooKeeper's LearnerHandlerTest builds its logs.</summary>
    public static Txn Raw(long zxid) => new(new Zxid(zxid), Bytes.FromUtf8($"z{zxid}"));

    public static ZabTiming Timing { get; } = new()
    {
        TickTimeMs = 100,
        InitLimitTicks = 10,
        SyncLimitTicks = 5,
        FinalizeWaitMs = 200,
        MinNotificationIntervalMs = 200,
        MaxNotificationIntervalMs = 3200,
        CommittedLogSize = 500,
    };

    public static PeerConfig Maj(long myId, int voters, params long[] observers) =>
        new(myId, new QuorumMaj(Enumerable.Range(1, voters).Select(i => (long)i), observers), Timing);

    public static IEnumerable<T> Of<T>(this Ready ready) => ready.Events.OfType<T>();

    public static ImmutableArray<ZabMessage> To(this Ready ready, long sid) =>
        [.. ready.Send.Where(e => e.To == sid).Select(e => e.Message)];

    public static ImmutableArray<Txn> Appended(this Ready ready) =>
        [.. ready.Storage.OfType<AppendTxns>().SelectMany(a => a.Txns)];
}
