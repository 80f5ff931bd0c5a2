namespace ZabActors.Hocon.Tests;

public sealed class PropertiesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Config Properties(string text) => ConfigurationFactory.ParseString(text, new HoconParseOptions { Syntax = HoconSyntax.Properties });

    [Fact]
    public void Keys_split_on_dots_and_values_are_always_strings()
    {
        var config = Properties("server.port=2181\nserver.name = zab one\nflag: true");
        Assert.Equal("""{"server":{"port":"2181","name":"zab one"},"flag":"true"}""", config.ToJson(false));
        Assert.Equal(2181, config.GetInt("server.port"));
        Assert.True(config.GetBoolean("flag"));
    }

    [Fact]
    public void Comments_separators_continuations_and_escapes_follow_java_properties()
    {
        var config = Properties("# comment\n! also a comment\n  key1 value one\nkey2:v2\nlong = first \\\n     second\nesc = tab\\there \\u0041\\=\\:\nempty=\n");
        Assert.Equal("value one", config.GetString("key1"));
        Assert.Equal("v2", config.GetString("key2"));
        Assert.Equal("first second", config.GetString("long"));
        Assert.Equal("tab\there A=:", config.GetString("esc"));
        Assert.Equal("", config.GetString("empty"));
    }

    [Fact]
    public void Empty_key_segments_are_kept()
    {
        Assert.Equal("""{"a":{"":"x"},"":{"":"y"}}""", Properties("a.=x\n.=y").ToJson(false));
    }

    [Theory]
    [InlineData("a=hello\na.b=world")]
    [InlineData("a.b=world\na=hello")]
    public void When_a_key_is_both_a_value_and_a_parent_the_object_wins(string text)
    {
        Assert.Equal("""{"a":{"b":"world"}}""", Properties(text).ToJson(false));
    }

    [Fact]
    public void A_later_duplicate_key_wins()
    {
        Assert.Equal("2", Properties("a=1\na=2").GetString("a"));
    }

    [Fact]
    public void A_malformed_unicode_escape_is_a_parse_error_with_its_line()
    {
        var error = Assert.Throws<HoconParseException>(() => Properties("ok=1\nbad=\\u12zz"));
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void A_properties_file_is_recognised_by_its_extension()
    {
        var path = _dir.Write("node.properties", "zab.tick=200ms");
        Assert.Equal(TimeSpan.FromMilliseconds(200), ConfigurationFactory.ParseFile(path).GetTimeSpan("zab.tick"));
    }
}
