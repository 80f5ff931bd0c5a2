namespace ZabActors.Remote.Tests;

public sealed class RemoteAddressSpec
{
    [Theory]
    [InlineData("zab.tcp://zab@127.0.0.1:2552")]
    [InlineData("zab.tcp://sys-1@node.example:1")]
    [InlineData("zab.tcp://zab@[::1]:2552")]
    public void Parse_and_format_round_trip(string text) => Assert.Equal(text, RemoteAddress.Parse(text).ToString());

    [Fact]
    public void Parse_splits_the_parts()
    {
        var address = RemoteAddress.Parse("zab.tcp://zab@[::1]:2552");
        Assert.Equal(("zab.tcp", "zab", "::1", 2552), (address.Protocol, address.System, address.Host, address.Port));
    }

    [Theory]
    [InlineData("zab@host:1")]
    [InlineData("zab.tcp://host:1")]
    [InlineData("zab.tcp://zab@host")]
    [InlineData("zab.tcp://zab@host:70000")]
    [InlineData("zab.tcp://@host:1")]
    public void Parse_rejects_malformed_addresses(string text) =>
        Assert.False(RemoteAddress.TryParse(text, out _, out var error) || error.Length == 0);

    [Fact]
    public void Equal_addresses_are_equal_and_hash_alike()
    {
        var a = new RemoteAddress("zab.tcp", "zab", "h", 1);
        var b = RemoteAddress.Parse("zab.tcp://zab@h:1");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.WithPort(2));
    }
}
