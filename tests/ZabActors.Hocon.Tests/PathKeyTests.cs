using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public class PathKeyTests
{
    [Fact]
    public void A_dotted_key_expands_into_nested_objects()
    {
        Assert.Equal(Json("foo { bar { baz : 42 } }"), Json("foo.bar.baz : 42"));
    }

    [Fact]
    public void A_path_key_merges_into_an_object_defined_earlier()
    {
        Assert.Equal("""{"a":{"b":1,"c":2}}""", Json("a : { b : 1 }\na.c = 2"));
        Assert.Equal("""{"a":{"x":42,"y":43}}""", Json("a.x : 42, a.y : 43"));
    }

    [Fact]
    public void A_quoted_segment_keeps_its_dots()
    {
        Assert.Equal("""{"a.b":{"c":1},"x":{"y.z":2},"foo":{"bar":{"hello.world":3}}}""",
            Json("\"a.b\".c = 1\nx.\"y.z\" = 2\nfoo.bar.\"hello.world\" = 3"));
    }

    [Fact]
    public void Whitespace_between_key_parts_is_part_of_the_key()
    {
        Assert.Equal("""{"a b c":42,"x y":{"z":1}}""", Json("a b c : 42\nx y.z = 1"));
    }

    [Fact]
    public void Numbers_in_keys_split_on_their_written_dots()
    {
        Assert.Equal("""{"10":{"0foo":1},"foo10":{"0":2},"foo10.0":3,"3":{"14":4}}""",
            Json("10.0foo : 1\nfoo10.0 : 2\nfoo\"10.0\" : 3\n3.14 : 4"));
    }

    [Fact]
    public void Keywords_in_keys_are_strings()
    {
        Assert.Equal("""{"true":1,"null":2,"false":{"x":3}}""", Json("true : 1\nnull : 2\nfalse.x : 3"));
    }

    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    [InlineData("a = ${b..c}")]
    public void Empty_path_elements_must_be_quoted(string text)
    {
        Assert.Contains("may not be empty", ParseError(text).Message);
    }

    [Fact]
    public void A_quoted_empty_element_is_a_valid_key()
    {
        Assert.Equal("""{"a":{"":{"b":1}},"c":1}""", Json("a.\"\".b = 1\nc = ${a.\"\".b}"));
    }

    [Fact]
    public void Substitutions_are_not_allowed_in_keys()
    {
        Assert.Contains("not allowed in keys", ParseError("a${b} = 1").Message);
    }

    [Fact]
    public void A_key_may_be_followed_by_a_newline_before_its_separator()
    {
        Assert.Equal("""{"a":{"b":{"c":1}}}""", Json("a.b.c\n\n  : 1"));
    }

    [Fact]
    public void A_key_cannot_continue_on_the_next_line()
    {
        Assert.Contains("after the key 'a'", ParseError("a\nb = 1").Message);
    }
}
