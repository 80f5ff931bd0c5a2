using ZabActors.Node.Admin;
using ZabActors.Node.Networking;
using ZabActors.Quorum;
using ZabActors.Zab;
using ClientWrite = ZabActors.Quorum.ClientWrite;

namespace ZabActors.Node.Tests;

/// <summary>
/// Random instances of every message a node sends to another process, from a seeded generator, for
/// property-style round trips. Values reach the edges (negative ids, -1 epochs, long.MinValue zxids,
/// empty and large payloads, non-ASCII text) as often as the middle.
/// </summary>
internal sealed class MessageGenerator(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>Every concrete QuorumPacket type; the round-trip test checks the generator covers them all.</summary>
    public static IReadOnlyList<Type> PacketTypes { get; } =
        [.. typeof(QuorumPacket).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(QuorumPacket)) && !t.IsAbstract).OrderBy(t => t.Name)];

    public long Long() => random.Next(6) switch
    {
        0 => 0,
        1 => -1,
        2 => long.MaxValue,
        3 => long.MinValue,
        4 => random.Next(-1000, 1000),
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    public int Int() => random.Next(4) switch
    {
        0 => 0,
        1 => int.MinValue,
        2 => int.MaxValue,
        _ => random.Next(int.MinValue, int.MaxValue),
    };

    public Zxid Zxid() => new(Long());

    public Bytes Payload() => Bytes.Wrap(RawBytes());

    public byte[] RawBytes()
    {
        var length = random.Next(5) switch { 0 => 0, 1 => 1, 2 => random.Next(2, 200), 3 => 100, _ => random.Next(1000, 70_000) };
        var data = new byte[length];
        random.NextBytes(data);
        return data;
    }

    public string Text() => random.Next(4) switch
    {
        0 => "",
        1 => "lost packets: expected #7, got #9",
        2 => "épochs ≠ zxids — 数据 🚀",
        _ => new string('x', random.Next(40, 300)),
    };

    public T Pick<T>(params T[] values) => values[random.Next(values.Length)];

    public Txn Txn() => new(Zxid(), Payload());

    public QuorumPacket Packet(Type type) => type.Name switch
    {
        nameof(FollowerInfo) => new FollowerInfo(Long(), Long(), Int()),
        nameof(ObserverInfo) => new ObserverInfo(Long(), Long(), Int()),
        nameof(LeaderInfo) => new LeaderInfo(Long(), Int()),
        nameof(AckEpoch) => new AckEpoch(Long(), Zxid()),
        nameof(Diff) => new Diff(Zxid()),
        nameof(Trunc) => new Trunc(Zxid()),
        nameof(Snap) => new Snap(new Snapshot(Zxid(), Payload())),
        nameof(NewLeader) => new NewLeader(Zxid()),
        nameof(UpToDate) => UpToDate.Instance,
        nameof(Proposal) => new Proposal(Txn()),
        nameof(Ack) => new Ack(Zxid()),
        nameof(Commit) => new Commit(Zxid()),
        nameof(Inform) => new Inform(Txn()),
        nameof(Ping) => new Ping(Zxid()),
        nameof(Request) => new Request(Payload()),
        _ => throw new InvalidOperationException($"the generator does not know {type.Name}: add it here and to the serializer"),
    };

    public QuorumPacket Packet() => Packet(PacketTypes[random.Next(PacketTypes.Count)]);

    public Notification Notification() =>
        new(Long(), Zxid(), Long(), Pick(Enum.GetValues<ServerState>()), Long(), Long());

    public ConnectionKey Key() => new(Long(), Long(), random.NextInt64(0, long.MaxValue));

    public PeerStatus Status() =>
        new(Long(), Pick(Enum.GetValues<ServerState>()), Long(), Long(), Zxid(), Zxid(), random.Next(2) == 0 ? null : Long());

    /// <summary>One random message of any kind a node sends over the wire.</summary>
    public object Message() => random.Next(20) switch
    {
        0 => Notification(),
        1 => new OpenConnection(Key()),
        2 or 3 or 4 => new ConnectionPacket(Key(), random.NextInt64(0, long.MaxValue), Packet()),
        5 => new CloseConnection(Key(), Text()),
        6 => new ClientWrite(Long(), RawBytes()),
        7 => new WriteCommitted(Long(), Zxid()),
        8 => new WriteFailed(Long(), Text()),
        9 => GetPeerStatus.Instance,
        10 => Status(),
        11 => new GetHistory(Zxid(), random.Next(0, int.MaxValue)),
        12 => new HistoryChunk([.. Enumerable.Range(0, random.Next(0, 20)).Select(_ => new HistoryEntry(Zxid(), Long(), Payload()))], Zxid(), random.Next(2) == 0),
        13 => new PartitionFrom([.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => Long())]),
        14 => HealPartitions.Instance,
        15 => AdminAck.Instance,
        16 => new AdminRefused(Text()),
        17 => GetNodeStatus.Instance,
        18 => new NodeStatus(Status(), Pick(Enum.GetValues<ZabState>())),
        _ => Packet(),
    };
}
