using ZabActors.Zab;

namespace ZabActors.Transport.Tests;

/// <summary>Messages used across the transport tests.</summary>
internal static class Samples
{
    public static Notification Vote(long from, long leader = 3, long round = 1) =>
        new(leader, Zxid.Make(1, 7), round, ServerState.Looking, from, PeerEpoch: 1);

    /// <summary>One of every packet kind, with payloads.</summary>
    public static IReadOnlyList<QuorumPacket> EveryPacket() =>
    [
        new FollowerInfo(2, 5),
        new ObserverInfo(4, -1, 0x10000),
        new LeaderInfo(6),
        new AckEpoch(-1, Zxid.Make(5, 3)),
        new Diff(Zxid.Make(5, 9)),
        new Trunc(Zxid.Make(4, 2)),
        new Snap(new Snapshot(Zxid.Make(5, 1), Bytes.FromUtf8("state"))),
        new NewLeader(Zxid.Make(6, 0)),
        UpToDate.Instance,
        new Proposal(new Txn(Zxid.Make(6, 1), Bytes.FromUtf8("set /a 1"))),
        new Ack(Zxid.Make(6, 1)),
        new Commit(Zxid.Make(6, 1)),
        new Inform(new Txn(Zxid.Make(6, 2), Bytes.Empty)),
        new Ping(Zxid.None),
        new Request(Bytes.FromUtf8("create /b")),
    ];

    /// <summary>Deterministic pseudo-random bytes (a fixed seed, so a failure replays).</summary>
    public static byte[] Noise(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
