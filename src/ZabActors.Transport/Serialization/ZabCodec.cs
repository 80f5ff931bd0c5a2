using System.Runtime.Serialization;
using ZabActors.Zab;

namespace ZabActors.Transport.Serialization;

/// <summary>
/// The byte layout of every ZAB message, unchanged from ZabActors' original packet codec: a tag
/// (ZooKeeper's packet type constants from <c>Leader.java</c>; the election notification, which has
/// none there, takes 100) and the record's fields in declaration order. Ids and epochs are zig-zag
/// varints, zxids eight little-endian bytes, payloads length-prefixed. Decoding checks every tag,
/// enum and length.
/// </summary>
internal static class ZabCodec
{
    public const byte RequestTag = 1;
    public const byte ProposalTag = 2;
    public const byte AckTag = 3;
    public const byte CommitTag = 4;
    public const byte PingTag = 5;
    public const byte InformTag = 8;
    public const byte NewLeaderTag = 10;
    public const byte FollowerInfoTag = 11;
    public const byte UpToDateTag = 12;
    public const byte DiffTag = 13;
    public const byte TruncTag = 14;
    public const byte SnapTag = 15;
    public const byte ObserverInfoTag = 16;
    public const byte LeaderInfoTag = 17;
    public const byte AckEpochTag = 18;
    public const byte NotificationTag = 100;

    /// <summary>The tag of <paramref name="message"/>; throws for a type this codec does not carry.</summary>
    public static byte TagOf(ZabMessage message) => message switch
    {
        Notification => NotificationTag,
        Request => RequestTag,
        Proposal => ProposalTag,
        Ack => AckTag,
        Commit => CommitTag,
        Ping => PingTag,
        Inform => InformTag,
        NewLeader => NewLeaderTag,
        FollowerInfo => FollowerInfoTag,
        UpToDate => UpToDateTag,
        Diff => DiffTag,
        Trunc => TruncTag,
        Snap => SnapTag,
        ObserverInfo => ObserverInfoTag,
        LeaderInfo => LeaderInfoTag,
        AckEpoch => AckEpochTag,
        _ => throw new SerializationException($"no wire layout for {message.GetType().FullName}"),
    };

    /// <summary>Tag followed by body: the form a packet takes inside a batch or a chunked stream.</summary>
    public static void Write(WireWriter output, ZabMessage message)
    {
        output.Byte(TagOf(message));
        WriteBody(output, message);
    }

    public static ZabMessage Read(ref WireReader input) => ReadBody(input.Byte(), ref input);

    public static QuorumPacket ReadPacket(ref WireReader input)
    {
        var tag = input.Byte();
        return ReadBody(tag, ref input) as QuorumPacket ?? throw input.Malformed($"tag {tag} is not a quorum packet");
    }

    public static void WriteBody(WireWriter output, ZabMessage message)
    {
        if (message is QuorumPacket { IsWellFormed: false })
        {
            throw new SerializationException($"{message.GetType().Name} without its payload cannot be sent");
        }
        switch (message)
        {
            case Notification n:
                output.Signed(n.Leader);
                output.Int64(n.Zxid.Value);
                output.Signed(n.ElectionEpoch);
                output.Byte((byte)n.State);
                output.Signed(n.Sid);
                output.Signed(n.PeerEpoch);
                break;
            case FollowerInfo p: WriteInfo(output, p.Sid, p.AcceptedEpoch, p.ProtocolVersion); break;
            case ObserverInfo p: WriteInfo(output, p.Sid, p.AcceptedEpoch, p.ProtocolVersion); break;
            case LeaderInfo p:
                output.Signed(p.NewEpoch);
                output.Int32(p.ProtocolVersion);
                break;
            case AckEpoch p:
                output.Signed(p.CurrentEpoch);
                output.Int64(p.LastLoggedZxid.Value);
                break;
            default:
                WriteDataBody(output, message);
                break;
        }
    }

    public static ZabMessage ReadBody(byte tag, ref WireReader input) => tag switch
    {
        NotificationTag => ReadNotification(ref input),
        FollowerInfoTag => new FollowerInfo(input.Signed(), input.Signed(), input.Int32()),
        ObserverInfoTag => new ObserverInfo(input.Signed(), input.Signed(), input.Int32()),
        LeaderInfoTag => new LeaderInfo(input.Signed(), input.Int32()),
        AckEpochTag => new AckEpoch(input.Signed(), new Zxid(input.Int64())),
        DiffTag => new Diff(new Zxid(input.Int64())),
        TruncTag => new Trunc(new Zxid(input.Int64())),
        NewLeaderTag => new NewLeader(new Zxid(input.Int64())),
        AckTag => new Ack(new Zxid(input.Int64())),
        CommitTag => new Commit(new Zxid(input.Int64())),
        PingTag => new Ping(new Zxid(input.Int64())),
        SnapTag => new Snap(new Snapshot(new Zxid(input.Int64()), Payload(ref input))),
        UpToDateTag => UpToDate.Instance,
        ProposalTag => new Proposal(ReadTxn(ref input)),
        InformTag => new Inform(ReadTxn(ref input)),
        RequestTag => new Request(Payload(ref input)),
        _ => throw input.Malformed($"unknown ZAB message tag {tag}"),
    };

    /// <summary>
    /// An upper bound of the encoded size of <paramref name="packet"/> (tag included) without encoding
    /// it, so the sender can decide between batching and chunking cheaply.
    /// </summary>
    public static int SizeBound(QuorumPacket packet) => packet switch
    {
        Snap s => 32 + s.Snapshot.Data.Length,
        Proposal p => 32 + p.Txn.Data.Length,
        Inform i => 32 + i.Txn.Data.Length,
        Request r => 32 + r.Data.Length,
        _ => 32,
    };

    private static void WriteDataBody(WireWriter output, ZabMessage message)
    {
        switch (message)
        {
            case Diff p: output.Int64(p.LastCommittedZxid.Value); break;
            case Trunc p: output.Int64(p.TruncateAfter.Value); break;
            case NewLeader p: output.Int64(p.Zxid.Value); break;
            case Ack p: output.Int64(p.Zxid.Value); break;
            case Commit p: output.Int64(p.Zxid.Value); break;
            case Ping p: output.Int64(p.Zxid.Value); break;
            case UpToDate: break;
            case Snap p:
                output.Int64(p.Snapshot.Zxid.Value);
                output.Bytes(p.Snapshot.Data.Span);
                break;
            case Proposal p: WriteTxn(output, p.Txn); break;
            case Inform p: WriteTxn(output, p.Txn); break;
            case Request p: output.Bytes(p.Data.Span); break;
            default:
                throw new SerializationException($"no wire layout for {message.GetType().FullName}");
        }
    }

    private static Notification ReadNotification(ref WireReader input)
    {
        var leader = input.Signed();
        var zxid = new Zxid(input.Int64());
        var round = input.Signed();
        var state = input.Byte();
        if (state > (byte)ServerState.Observing)
        {
            throw input.Malformed($"server state {state} is not one of LOOKING, FOLLOWING, LEADING, OBSERVING");
        }
        var sid = input.Signed();
        return new Notification(leader, zxid, round, (ServerState)state, sid, input.Signed());
    }

    private static void WriteInfo(WireWriter output, long sid, long acceptedEpoch, int protocolVersion)
    {
        output.Signed(sid);
        output.Signed(acceptedEpoch);
        output.Int32(protocolVersion);
    }

    private static void WriteTxn(WireWriter output, Txn txn)
    {
        output.Int64(txn.Zxid.Value);
        output.Bytes(txn.Data.Span);
    }

    private static Txn ReadTxn(ref WireReader input)
    {
        var zxid = new Zxid(input.Int64());
        return new Txn(zxid, Payload(ref input));
    }

    private static Bytes Payload(ref WireReader input) => Bytes.CopyFrom(input.Bytes());
}
