using System.Buffers.Binary;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// The header every replicated write carries in its transaction data, as ZooKeeper's TxnHeader carries
/// the client session and cxid: the server that accepted the write and that server's sequence number
/// for it. It lets the accepting peer answer its client when the transaction is applied, whichever
/// peer proposed it. Layout: version byte 1, origin sid (8 bytes, big endian), sequence (8), payload.
/// </summary>
public static class ClientTxn
{
    public const int HeaderLength = 17;

    private const byte Version = 1;

    public static Bytes Encode(long originSid, long seq, ReadOnlySpan<byte> payload)
    {
        var data = new byte[HeaderLength + payload.Length];
        data[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(1), originSid);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(9), seq);
        payload.CopyTo(data.AsSpan(HeaderLength));
        return Bytes.Wrap(data);
    }

    /// <summary>Reads the header; false for data that does not carry one (it is then nobody's client write).</summary>
    public static bool TryDecode(Bytes data, out long originSid, out long seq)
    {
        var span = data.Span;
        if (span.Length < HeaderLength || span[0] != Version)
        {
            originSid = -1;
            seq = -1;
            return false;
        }
        originSid = BinaryPrimitives.ReadInt64BigEndian(span[1..]);
        seq = BinaryPrimitives.ReadInt64BigEndian(span[9..]);
        return true;
    }

    /// <summary>The client's payload of a transaction (the whole data when it has no header).</summary>
    public static ReadOnlyMemory<byte> Payload(Txn txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        return TryDecode(txn.Data, out _, out _) ? txn.Data.Memory[HeaderLength..] : txn.Data.Memory;
    }
}
