using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public sealed class ErrorReportingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_parse_error_names_the_source_line_column_and_what_was_expected()
    {
        var error = ParseError("a = 1\nb {\n  c = 2\n");
        Assert.Equal("<string>", error.SourceName);
        Assert.Equal(4, error.Line);
        Assert.StartsWith("<string>:4:1: expected '}' to close the object opened at line 2, column 3", error.Message);
    }

    [Theory]
    [InlineData("a b\n", "expected ':', '=', '+=' or '{' after the key \"a b\", found end of input")]
    [InlineData("a = 1 2 : 3", "':' is not allowed in a value")]
    [InlineData("a = [1 }", "expected ',', a newline or ']' after an array element, found '}'")]
    [InlineData("{ a = 1 } b = 2", "expected the end of input after the root object's closing '}'")]
    [InlineData("a = }", "expected a value for key 'a', found '}'")]
    [InlineData("= 1", "expected a key, found '='")]
    [InlineData("a = 1 b = 2", "'=' is not allowed in a value")]
    public void Messages_say_what_was_expected_and_found(string text, string expected)
    {
        Assert.Contains(expected, ParseError(text).Message);
    }

    [Fact]
    public void A_file_parse_error_names_the_file()
    {
        var path = _dir.Write("broken.conf", "ok = 1\nbad = [1, 2\n");
        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(path));
        Assert.Equal(path, error.SourceName);
        Assert.StartsWith(path + ":3:1:", error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_config_exception()
    {
        var error = Assert.ThrowsAny<ConfigException>(() => ConfigurationFactory.ParseFile(Path.Combine(_dir.Path, "none.conf")));
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Invalid_utf8_is_a_parse_error_at_the_bad_byte()
    {
        var path = _dir.WriteBytes("bad.conf", [.. "a = 1\nb = x"u8, 0xC3, 0x28, .. "\n"u8]);
        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(path));
        Assert.Equal(2, error.Line);
        Assert.Equal(6, error.Column);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void A_json_file_is_parsed_strictly_and_errors_have_positions()
    {
        var path = _dir.Write("bad.json", "{\n  \"a\" : 1,\n  b : 2\n}");
        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(path));
        Assert.Equal(3, error.Line);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void A_resource_that_does_not_exist_lists_what_exists()
    {
        Assert.Contains("has no resource", Assert.Throws<ConfigException>(() => ConfigurationFactory.FromResource("nope.conf", typeof(ErrorReportingTests).Assembly)).Message);
    }
}
