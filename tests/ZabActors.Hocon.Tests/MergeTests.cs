using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public class MergeTests
{
    [Fact]
    public void Duplicate_object_keys_merge()
    {
        Assert.Equal("""{"foo":{"a":42,"b":43}}""", Json("""{ "foo" : { "a" : 42 }, "foo" : { "b" : 43 } }"""));
    }

    [Fact]
    public void A_later_non_object_replaces_the_earlier_value()
    {
        Assert.Equal("""{"a":5,"b":{"x":1}}""", Json("a = { x = 1 }\na = 5\nb = 5\nb = { x = 1 }"));
    }

    [Fact]
    public void Null_between_two_objects_prevents_their_merge()
    {
        Assert.Equal("""{"foo":{"b":43}}""", Json("""{ "foo" : { "a" : 42 }, "foo" : null, "foo" : { "b" : 43 } }"""));
    }

    [Fact]
    public void Merging_is_recursive_and_later_leaves_win()
    {
        Assert.Equal("""{"a":{"b":{"c":1,"d":3},"e":4}}""", Json("a { b { c = 1, d = 2 } }\na { b { d = 3 }, e = 4 }"));
    }

    [Fact]
    public void Objects_written_side_by_side_merge()
    {
        Assert.Equal("""{"a":{"b":1,"c":2}}""", Json("a : { b : 1 } { c : 2 }"));
    }

    [Fact]
    public void Keys_keep_the_order_of_their_first_definition()
    {
        Assert.Equal("""{"z":3,"a":{"y":1,"b":2}}""", Json("z = 1\na.y = 1\nz = 3\na.b = 2"));
    }

    [Fact]
    public void An_array_replaces_rather_than_merges()
    {
        Assert.Equal("""{"a":[3]}""", Json("a = [1, 2]\na = [3]"));
    }
}
