using System.Buffers;
using ZabActors.Remote;
using ZabActors.Remote.Serialization;
using ZabActors.Zab;

namespace ZabActors.Node.Serialization;

/// <summary>
/// The binary layout of every ZAB message: one tag byte (ZooKeeper's packet type constants from
/// <c>Leader.java</c> where one exists) followed by the record's fields in declaration order.
/// Decoding checks every tag, enum and length, and that nothing trails the message.
/// </summary>
internal static class ZabPacketCodec
{
    // Tags 1..19 follow Leader.java (PROPOSAL=2, ACK=3, COMMIT=4, PING=5, REQUEST=1, DIFF=13,
    // TRUNC=14, SNAP=15, NEWLEADER=10, FOLLOWERINFO=11, UPTODATE=12, INFORM=8, OBSERVERINFO=16,
    // LEADERINFO=17, ACKEPOCH=18); the notification has no packet type there and takes 100.
    private const byte RequestTag = 1;
    private const byte ProposalTag = 2;
    private const byte AckTag = 3;
    private const byte CommitTag = 4;
    private const byte PingTag = 5;
    private const byte InformTag = 8;
    private const byte NewLeaderTag = 10;
    private const byte FollowerInfoTag = 11;
    private const byte UpToDateTag = 12;
    private const byte DiffTag = 13;
    private const byte TruncTag = 14;
    private const byte SnapTag = 15;
    private const byte ObserverInfoTag = 16;
    private const byte LeaderInfoTag = 17;
    private const byte AckEpochTag = 18;
    private const byte NotificationTag = 100;

    public static void Write(IBufferWriter<byte> output, ZabMessage message)
    {
        switch (message)
        {
            case Notification n:
                output.WriteByte(NotificationTag);
                output.WriteSigned(n.Leader);
                output.WriteZxid(n.Zxid);
                output.WriteSigned(n.ElectionEpoch);
                output.WriteState(n.State);
                output.WriteSigned(n.Sid);
                output.WriteSigned(n.PeerEpoch);
                break;
            case QuorumPacket packet:
                WritePacket(output, packet);
                break;
            default:
                throw WireFormat.CannotSerialize(nameof(ZabPacketCodec), message);
        }
    }

    public static ZabMessage Read(ref SpanReader reader)
    {
        var tag = reader.ReadByte();
        if (tag != NotificationTag)
            return ReadPacket(tag, ref reader);
        var leader = WireFormat.ReadSigned(ref reader);
        var zxid = WireFormat.ReadZxid(ref reader);
        var round = WireFormat.ReadSigned(ref reader);
        var state = WireFormat.ReadState(ref reader);
        var sid = WireFormat.ReadSigned(ref reader);
        return new Notification(leader, zxid, round, state, sid, WireFormat.ReadSigned(ref reader));
    }

    public static void WritePacket(IBufferWriter<byte> output, QuorumPacket packet)
    {
        if (!packet.IsWellFormed)
            throw new NotSerializableException($"{packet.GetType().Name} without its payload cannot be sent");
        switch (packet)
        {
            case FollowerInfo p: WriteInfo(output, FollowerInfoTag, p.Sid, p.AcceptedEpoch, p.ProtocolVersion); break;
            case ObserverInfo p: WriteInfo(output, ObserverInfoTag, p.Sid, p.AcceptedEpoch, p.ProtocolVersion); break;
            case LeaderInfo p:
                output.WriteByte(LeaderInfoTag);
                output.WriteSigned(p.NewEpoch);
                output.WriteInt32(p.ProtocolVersion);
                break;
            case AckEpoch p:
                output.WriteByte(AckEpochTag);
                output.WriteSigned(p.CurrentEpoch);
                output.WriteZxid(p.LastLoggedZxid);
                break;
            case Diff p: WriteZxidPacket(output, DiffTag, p.LastCommittedZxid); break;
            case Trunc p: WriteZxidPacket(output, TruncTag, p.TruncateAfter); break;
            case NewLeader p: WriteZxidPacket(output, NewLeaderTag, p.Zxid); break;
            case Ack p: WriteZxidPacket(output, AckTag, p.Zxid); break;
            case Commit p: WriteZxidPacket(output, CommitTag, p.Zxid); break;
            case Ping p: WriteZxidPacket(output, PingTag, p.Zxid); break;
            case Snap p:
                output.WriteByte(SnapTag);
                output.WriteZxid(p.Snapshot.Zxid);
                output.WritePayload(p.Snapshot.Data);
                break;
            case UpToDate: output.WriteByte(UpToDateTag); break;
            case Proposal p:
                output.WriteByte(ProposalTag);
                output.WriteTxn(p.Txn);
                break;
            case Inform p:
                output.WriteByte(InformTag);
                output.WriteTxn(p.Txn);
                break;
            case Request p:
                output.WriteByte(RequestTag);
                output.WritePayload(p.Data);
                break;
            default:
                throw WireFormat.CannotSerialize(nameof(ZabPacketCodec), packet);
        }
    }

    public static QuorumPacket ReadPacket(ref SpanReader reader) => ReadPacket(reader.ReadByte(), ref reader);

    private static QuorumPacket ReadPacket(byte tag, ref SpanReader reader) => tag switch
    {
        FollowerInfoTag => new FollowerInfo(WireFormat.ReadSigned(ref reader), WireFormat.ReadSigned(ref reader), reader.ReadInt32()),
        ObserverInfoTag => new ObserverInfo(WireFormat.ReadSigned(ref reader), WireFormat.ReadSigned(ref reader), reader.ReadInt32()),
        LeaderInfoTag => new LeaderInfo(WireFormat.ReadSigned(ref reader), reader.ReadInt32()),
        AckEpochTag => new AckEpoch(WireFormat.ReadSigned(ref reader), WireFormat.ReadZxid(ref reader)),
        DiffTag => new Diff(WireFormat.ReadZxid(ref reader)),
        TruncTag => new Trunc(WireFormat.ReadZxid(ref reader)),
        NewLeaderTag => new NewLeader(WireFormat.ReadZxid(ref reader)),
        AckTag => new Ack(WireFormat.ReadZxid(ref reader)),
        CommitTag => new Commit(WireFormat.ReadZxid(ref reader)),
        PingTag => new Ping(WireFormat.ReadZxid(ref reader)),
        SnapTag => new Snap(new Snapshot(WireFormat.ReadZxid(ref reader), WireFormat.ReadPayload(ref reader))),
        UpToDateTag => UpToDate.Instance,
        ProposalTag => new Proposal(WireFormat.ReadTxn(ref reader)),
        InformTag => new Inform(WireFormat.ReadTxn(ref reader)),
        RequestTag => new Request(WireFormat.ReadPayload(ref reader)),
        _ => throw WireFormat.UnknownTag("ZAB packet", tag),
    };

    private static void WriteInfo(IBufferWriter<byte> output, byte tag, long sid, long acceptedEpoch, int protocolVersion)
    {
        output.WriteByte(tag);
        output.WriteSigned(sid);
        output.WriteSigned(acceptedEpoch);
        output.WriteInt32(protocolVersion);
    }

    private static void WriteZxidPacket(IBufferWriter<byte> output, byte tag, Zxid zxid)
    {
        output.WriteByte(tag);
        output.WriteZxid(zxid);
    }
}
