using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>Timing and ensemble builders shared by the tests: ZooKeeper's ratios with a 100 ms tick.</summary>
internal static class TestTiming
{
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

    /// <summary>Voters 1..voters, then the observers, on localhost ports 2880+id.</summary>
    public static IReadOnlyList<QuorumServer> Servers(int voters, params long[] observers) =>
    [
        .. Enumerable.Range(1, voters).Select(i => new QuorumServer(i, "127.0.0.1", 2880 + i, LearnerType.Participant)),
        .. observers.Select(id => new QuorumServer(id, "127.0.0.1", 2880 + (int)id, LearnerType.Observer)),
    ];

    public static QuorumPeerSettings Settings(long myId, int voters, params long[] observers) =>
        new(myId, Servers(voters, observers), Timing);

    public static Txn T(long epoch, long counter, string? data = null) =>
        new(Zxid.Make(epoch, counter), Bytes.FromUtf8(data ?? $"e{epoch}c{counter}"));

    public static Zxid X(long epoch, long counter) => Zxid.Make(epoch, counter);
}
