using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public class SyntaxTests
{
    [Fact]
    public void Comments_with_hash_and_double_slash_are_ignored()
    {
        Assert.Equal("""{"a":1,"b":2}""", Json("# leading\na = 1 // trailing\n// whole line\nb = 2 # trailing"));
    }

    [Fact]
    public void Comment_markers_inside_quotes_are_text()
    {
        Assert.Equal("""{"url":"http://x/#y"}""", Json("url = \"http://x/#y\""));
    }

    [Fact]
    public void Unquoted_text_ends_at_a_double_slash_comment()
    {
        Assert.Equal("""{"a":"foo/bar"}""", Json("a = foo/bar//comment"));
    }

    [Fact]
    public void Root_braces_are_optional()
    {
        Assert.Equal(Json("{ a = 1, b { c = 2 } }"), Json("a = 1\nb { c = 2 }"));
    }

    [Fact]
    public void Colon_equals_or_nothing_may_separate_a_key_from_an_object()
    {
        Assert.Equal("""{"a":{"x":1},"b":{"x":1},"c":{"x":1}}""", Json("a : { x : 1 }\nb = { x = 1 }\nc { x = 1 }"));
    }

    [Fact]
    public void Newlines_separate_fields_and_elements_without_commas()
    {
        Assert.Equal("""{"a":1,"b":[1,2,3]}""", Json("a = 1\nb = [\n 1\n 2\n 3\n]"));
    }

    [Fact]
    public void A_single_trailing_comma_is_allowed()
    {
        Assert.Equal("""{"a":[1,2,3],"o":{"x":1}}""", Json("a = [1,2,3,], o = { x = 1, },"));
    }

    [Theory]
    [InlineData("a = [1,,2]")]
    [InlineData("a = [,1]")]
    [InlineData("a = [1,2,,]")]
    [InlineData("o { x = 1,, y = 2 }")]
    [InlineData("o { , }")]
    public void Doubled_or_leading_commas_are_rejected(string text)
    {
        ParseError(text);
    }

    [Fact]
    public void Closing_brace_without_opening_root_brace_is_rejected()
    {
        var error = ParseError("a = 1\n}");
        Assert.Contains("unbalanced '}'", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void An_array_at_the_root_is_rejected()
    {
        Assert.Contains("must be an object", ParseError("[1, 2]").Message);
    }

    [Fact]
    public void An_empty_document_is_an_empty_configuration()
    {
        Assert.True(Parse("").IsEmpty);
        Assert.True(Parse("  # only a comment\n\n").IsEmpty);
    }

    [Theory]
    [InlineData('@')]
    [InlineData('*')]
    [InlineData('^')]
    [InlineData('?')]
    [InlineData('!')]
    [InlineData('&')]
    [InlineData('`')]
    [InlineData('\\')]
    [InlineData('+')]
    [InlineData('$')]
    public void Reserved_characters_are_rejected_outside_quotes(char reserved)
    {
        var error = ParseError($"a = x{reserved}y");
        Assert.Equal(1, error.Line);
        Assert.Equal(6, error.Column);
    }

    [Fact]
    public void Reserved_characters_are_fine_inside_quotes()
    {
        Assert.Equal("""{"a":"x@*^?!&`\\+$y"}""", Json("a = \"x@*^?!&`\\\\+$y\""));
    }

    [Fact]
    public void Keywords_are_recognised_only_at_the_start_of_unquoted_text()
    {
        Assert.Equal("""{"a":"truefoo","b":true,"c":"footrue","d":null,"e":"nullable","f":false}""",
            Json("a = truefoo\nb = true\nc = footrue\nd = null\ne = nullable\nf = false"));
    }

    [Fact]
    public void Integers_stay_integers_and_fractions_or_exponents_make_doubles()
    {
        var config = Parse("i = 42\nd = 42.0\ne = 1e3\nn = -7\nmax = 9223372036854775807\nbig = 9223372036854775808");
        Assert.True(((HoconNumber)config.GetValue("i")).IsInteger);
        Assert.False(((HoconNumber)config.GetValue("d")).IsInteger);
        Assert.Equal(1000.0, config.GetDouble("e"));
        Assert.Equal(-7L, config.GetLong("n"));
        Assert.Equal(long.MaxValue, config.GetLong("max"));
        Assert.False(((HoconNumber)config.GetValue("big")).IsInteger);
        Assert.Equal("""{"i":42,"d":42.0,"e":1000.0,"n":-7,"max":9223372036854775807,"big":9.223372036854776E+18}""", config.ToJson(false));
    }

    [Fact]
    public void Text_that_starts_like_a_number_but_is_not_one_is_a_string()
    {
        Assert.Equal("""{"v":"1.2.3","r":"1-2","u":"10.0bar","m":"-foo"}""", Json("v = 1.2.3\nr = 1-2\nu = 10.0bar\nm = -foo"));
    }

    [Fact]
    public void Quoted_strings_decode_json_escapes()
    {
        var config = Parse("a = \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u20AC\"");
        Assert.Equal("q\" b\\ s/ \b\f\n\r\t é€", config.GetString("a"));
    }

    [Fact]
    public void An_invalid_escape_is_reported_at_its_position()
    {
        var error = ParseError("a = 1\nb = \"x\\qy\"");
        Assert.Equal(2, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Contains("invalid escape", error.Message);
    }

    [Theory]
    [InlineData("a = \"unterminated")]
    [InlineData("a = \"line\nbreak\"")]
    [InlineData("a = \"\\u12\"")]
    [InlineData("a = \"\"\"never closed")]
    [InlineData("a = ${unclosed")]
    [InlineData("a = ${}")]
    [InlineData("a = ${b\n}")]
    [InlineData("a = ${x{y}}")]
    public void Malformed_strings_and_substitutions_are_parse_errors(string text)
    {
        ParseError(text);
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_may_span_lines()
    {
        var config = Parse("a = \"\"\"first \\n\n  \"second\" ${x}\"\"\"\nb = \"\"\"x\"\"\"\"\"");
        Assert.Equal("first \\n\n  \"second\" ${x}", config.GetString("a"));
        Assert.Equal("x\"\"", config.GetString("b"));
    }

    [Fact]
    public void Unicode_spaces_and_byte_order_mark_are_whitespace()
    {
        Assert.Equal("{\"a\":1,\"b\":\"x\u2002y\"}", Json("\uFEFFa\u00A0=\u20031\nb = x\u2002y"));
    }

    [Fact]
    public void Carriage_return_line_feed_line_endings_work()
    {
        Assert.Equal("""{"a":1,"b":[1,2]}""", Json("a = 1\r\nb = [\r\n1\r\n2\r\n]\r\n"));
    }

    [Fact]
    public void Concatenation_keeps_inner_whitespace_and_trims_the_ends()
    {
        Assert.Equal("""{"a":"foo   bar","b":"1e5 x true"}""", Json("a =   foo   bar   \nb = 1e5 x true"));
    }

    [Fact]
    public void Whitespace_separated_array_elements_on_one_line_concatenate()
    {
        Assert.Equal("""{"a":["1 2 3 4"],"b":[1,2,3,4],"c":[[1,2,3,4]],"d":[[1,2],[3,4]]}""",
            Json("a = [ 1 2 3 4 ]\nb = [ 1\n 2\n 3\n 4 ]\nc = [ [ 1, 2 ] [ 3, 4 ] ]\nd = [ [ 1, 2 ]\n [ 3, 4 ] ]"));
    }

    [Fact]
    public void Include_is_plain_text_except_at_the_start_of_a_key()
    {
        Assert.Equal("""{"foo include":42,"a":"include","b":["include"],"include":1}""",
            Json("foo include : 42\na = include\nb = [ include ]\n\"include\" : 1"));
    }

    [Fact]
    public void A_colon_inside_an_unquoted_value_is_rejected_with_a_hint_to_quote()
    {
        var error = ParseError("a = http://example.com");
        Assert.Contains("quote the string", error.Message);
        Assert.Equal(9, error.Column);
    }

    [Fact]
    public void A_value_may_start_on_the_line_after_its_separator()
    {
        Assert.Equal("""{"a":401}""", Json("a\n:\n\n401"));
    }

    [Fact]
    public void Objects_nested_too_deeply_are_a_parse_error_not_a_crash()
    {
        var text = "a = " + new string('[', 5000) + new string(']', 5000);
        Assert.Contains("nested more than", ParseError(text).Message);
    }
}
