using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

public sealed class ActorPathSpec
{
    [Fact]
    public void Local_and_remote_addresses_print_and_parse()
    {
        var local = Address.Local("sys");
        Assert.Equal("zab://sys", local.ToString());
        Assert.True(local.HasLocalScope);
        var remote = new Address("zab.tcp", "sys", "10.0.0.1", 2552);
        Assert.Equal("zab.tcp://sys@10.0.0.1:2552", remote.ToString());
        Assert.Equal(remote, Address.Parse("zab.tcp://sys@10.0.0.1:2552"));
        Assert.Equal(local, Address.Parse("zab://sys"));
        Assert.Throws<FormatException>(() => Address.Parse("sys"));
        Assert.Throws<FormatException>(() => Address.Parse("zab.tcp://sys@host:notaport"));
        Assert.Throws<ArgumentException>(() => new Address("zab", "sys", null, 1));
    }

    [Fact]
    public void Paths_print_with_their_address_and_compare_without_uid()
    {
        var root = ActorPath.RootOf(Address.Local("sys"));
        var path = root / "user" / "a" / "b";
        Assert.Equal("zab://sys/user/a/b", path.ToString());
        Assert.Equal("/user/a/b", path.ToStringWithoutAddress());
        Assert.Equal(["user", "a", "b"], path.Elements);
        Assert.Equal(3, path.Depth);
        Assert.Equal(root / "user" / "a", path.Parent);
        Assert.Equal(root, root.Parent);
        Assert.Equal(path, path.WithUid(17));
        Assert.Equal("zab://sys/user/a/b#17", path.WithUid(17).ToSerializationFormat());
    }

    [Fact]
    public void Paths_parse_with_remote_addresses_and_uids()
    {
        var path = ActorPath.Parse("zab.tcp://peer@host:2552/user/quorum/leader#42");
        Assert.Equal(new Address("zab.tcp", "peer", "host", 2552), path.Address);
        Assert.Equal(["user", "quorum", "leader"], path.Elements);
        Assert.Equal(42, path.Uid);
        Assert.False(ActorPath.TryParse("not a path", out _));
        Assert.False(ActorPath.TryParse("zab://sys/a#x", out _));
    }

    [Fact]
    public void A_path_moved_to_another_address_keeps_its_elements()
    {
        var local = ActorPath.Parse("zab://sys/user/a");
        var external = local.WithAddress(new Address("zab.tcp", "sys", "h", 1));
        Assert.Equal("zab.tcp://sys@h:1/user/a", external.ToString());
        Assert.NotEqual(local, external);
    }

    [Theory]
    [InlineData("leader", true)]
    [InlineData("peer-1_x.y", true)]
    [InlineData("a%20b", true)]
    [InlineData("$generated", false)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("a#b", false)]
    public void Actor_names_are_validated(string name, bool valid) => Assert.Equal(valid, ActorPath.IsValidPathElement(name));
}
