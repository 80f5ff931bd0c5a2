using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public class ConcatenationTests
{
    [Fact]
    public void Two_substitutions_with_whitespace_join_into_a_string_keeping_the_whitespace()
    {
        Assert.Equal("""{"a":"x","b":"y","c":"x  y","d":"xy","e":"x is y"}""",
            Json("a = x\nb = y\nc = ${a}  ${b}\nd = ${a}${b}\ne = ${a} is ${b}"));
    }

    [Fact]
    public void Numbers_and_booleans_join_as_written()
    {
        Assert.Equal("""{"n":100000.0,"t":true,"s":"1e5 and true"}""", Json("n = 1e5\nt = true\ns = ${n} and ${t}"));
    }

    [Fact]
    public void A_substitution_inside_quotes_is_literal_text()
    {
        Assert.Equal("""{"a":"${b}","b":1,"c":"1 is b"}""", Json("a = \"${b}\"\nb = 1\nc = ${b}\" is b\""));
    }

    [Fact]
    public void Arrays_side_by_side_concatenate()
    {
        Assert.Equal("""{"a":[1,2,3,4],"b":[1,2,3,4,5]}""", Json("a : [ 1, 2 ] [ 3, 4 ]\nb = ${a} [5]"));
    }

    [Fact]
    public void An_object_after_a_substitution_extends_it()
    {
        Assert.Equal("""{"generic":{"size":6,"name":"x"},"east":{"size":6,"name":"east"}}""",
            Json("generic = { size = 6, name = x }\neast = ${generic} { name = \"east\" }"));
    }

    [Fact]
    public void Mixing_an_array_and_an_object_through_substitutions_is_an_error()
    {
        var error = ResolveError("a = [1]\nb = { x = 1 }\nc = ${a} ${b}");
        Assert.Contains("cannot concatenate", error.Message);
        Assert.Contains("<string>:3:5", error.Message);
    }

    [Fact]
    public void Mixing_literal_text_and_an_array_is_a_parse_error_at_the_text()
    {
        var error = ParseError("a = foo [1]");
        Assert.Contains("cannot concatenate", error.Message);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void Text_from_a_substitution_next_to_an_array_is_an_error()
    {
        Assert.Contains("cannot concatenate", ResolveError("s = text\na = ${s} [1]").Message);
    }

    [Fact]
    public void Concatenation_never_spans_a_newline()
    {
        Assert.Equal("""{"a":"x","b":"y"}""", Json("a = x\nb = y"));
        Assert.Equal("""{"a":["x y","z"]}""", Json("a = [ x y\n z ]"));
    }

    [Fact]
    public void Array_elements_may_each_be_concatenations()
    {
        Assert.Equal("""{"a":"A","b":"B","l":["A B","B A"]}""", Json("a = A\nb = B\nl = [ ${a} ${b}, ${b} ${a} ]"));
    }
}
