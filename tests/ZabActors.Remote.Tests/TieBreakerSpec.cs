namespace ZabActors.Remote.Tests;

public sealed class TieBreakerSpec
{
    private static HandshakeInfo Node(long id, int port) =>
        new(FrameCodec.ProtocolVersion, id, id * 10, new RemoteAddress("zab.tcp", "zab", "127.0.0.1", port), "zab");

    [Fact]
    public void Larger_node_id_wins_and_exactly_one_direction_survives_for_every_pair()
    {
        for (var a = 1; a <= 20; a++)
        for (var b = 1; b <= 20; b++)
        {
            var (x, y) = (Node(a, 1000 + a), Node(b, 1000 + b));
            if (a == b)
                continue;
            Assert.Equal(a > b, TieBreakers.LargerNodeIdWins(x, y));
            Assert.NotEqual(TieBreakers.LargerNodeIdWins(x, y), TieBreakers.LargerNodeIdWins(y, x));
        }
    }

    [Fact]
    public void Equal_node_ids_fall_back_to_address_order()
    {
        var (low, high) = (Node(7, 1000), Node(7, 2000));
        Assert.True(TieBreakers.LargerNodeIdWins(high, low));
        Assert.False(TieBreakers.LargerNodeIdWins(low, high));
    }

    [Fact]
    public void Address_rule_ignores_node_ids()
    {
        var (low, high) = (Node(9, 1000), Node(1, 2000));
        Assert.True(TieBreakers.LargerAddressWins(high, low));
        Assert.False(TieBreakers.LargerAddressWins(low, high));
    }
}
