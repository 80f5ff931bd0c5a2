using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

public sealed class ClientTxnSpec
{
    [Fact]
    public void The_header_round_trips_and_leaves_the_payload_alone()
    {
        var data = ClientTxn.Encode(7, long.MaxValue - 1, "payload"u8);
        Assert.True(ClientTxn.TryDecode(data, out var origin, out var seq));
        Assert.Equal((7L, long.MaxValue - 1), (origin, seq));
        Assert.Equal("payload"u8.ToArray(), ClientTxn.Payload(new Txn(Zxid.Make(1, 1), data)).ToArray());
    }

    [Fact]
    public void Data_without_a_header_belongs_to_nobody()
    {
        Assert.False(ClientTxn.TryDecode(Bytes.FromUtf8("short"), out _, out _));
        Assert.False(ClientTxn.TryDecode(Bytes.Wrap(new byte[ClientTxn.HeaderLength]), out _, out _));
        Assert.Equal("short"u8.ToArray(), ClientTxn.Payload(new Txn(Zxid.Make(1, 1), Bytes.FromUtf8("short"))).ToArray());
    }
}
