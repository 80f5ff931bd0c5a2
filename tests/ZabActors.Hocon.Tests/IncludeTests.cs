using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Config ParseFile(string name) => ConfigurationFactory.ParseFile(Path.Combine(_dir.Path, name), new HoconParseOptions { EnvironmentVariables = _ => null });

    [Fact]
    public void An_included_file_merges_its_fields_where_the_include_stands()
    {
        _dir.Write("base.conf", "a = 1\nb { x = 1 }");
        _dir.Write("main.conf", "a = 0\ninclude \"base.conf\"\nb { y = 2 }\nc = 3");
        Assert.Equal("""{"a":1,"b":{"x":1,"y":2},"c":3}""", ParseFile("main.conf").ToJson(false));
    }

    [Fact]
    public void Later_fields_of_the_including_file_override_included_ones()
    {
        _dir.Write("base.conf", "a = 1");
        _dir.Write("main.conf", "include \"base.conf\"\na = 2");
        Assert.Equal(2, ParseFile("main.conf").GetInt("a"));
    }

    [Fact]
    public void File_and_required_forms_are_accepted()
    {
        _dir.Write("a.conf", "a = 1");
        _dir.Write("b.conf", "b = 2");
        _dir.Write("c.conf", "c = 3");
        _dir.Write("main.conf", "include file(\"a.conf\")\ninclude required(file( \"b.conf\" ))\ninclude required(\"c.conf\")");
        Assert.Equal("""{"a":1,"b":2,"c":3}""", ParseFile("main.conf").ToJson(false));
    }

    [Fact]
    public void A_missing_include_is_ignored()
    {
        _dir.Write("main.conf", "include \"nope.conf\"\ninclude file(\"nope\")\na = 1");
        Assert.Equal("""{"a":1}""", ParseFile("main.conf").ToJson(false));
    }

    [Fact]
    public void A_missing_required_include_is_an_error_at_the_include()
    {
        _dir.Write("main.conf", "a = 1\ninclude required(file(\"nope.conf\"))");
        var error = Assert.Throws<HoconParseException>(() => ParseFile("main.conf"));
        Assert.Equal(2, error.Line);
        Assert.Contains("required include not found", error.Message);
        Assert.Contains("nope.conf", error.Message);
    }

    [Fact]
    public void An_include_without_extension_merges_properties_then_json_then_conf()
    {
        _dir.Write("all.properties", "p = from-properties\nshared = properties");
        _dir.Write("all.json", """{ "j" : "from-json", "shared" : "json" }""");
        _dir.Write("all.conf", "c = from-conf\nshared = conf");
        _dir.Write("main.conf", "include \"all\"");
        Assert.Equal("""{"p":"from-properties","shared":"conf","j":"from-json","c":"from-conf"}""", ParseFile("main.conf").ToJson(false));
    }

    [Fact]
    public void An_include_without_extension_loads_whichever_files_exist()
    {
        _dir.Write("only.json", """{ "j" : 1 }""");
        _dir.Write("main.conf", "include required(\"only\")");
        Assert.Equal("""{"j":1}""", ParseFile("main.conf").ToJson(false));
    }

    [Fact]
    public void Includes_resolve_relative_to_the_including_file_at_every_level()
    {
        _dir.Write("main.conf", "include \"sub/first.conf\"");
        _dir.Write("sub/first.conf", "first = 1\ninclude \"second.conf\"");
        _dir.Write("sub/second.conf", "second = 2\ninclude \"deeper/third.conf\"");
        _dir.Write("sub/deeper/third.conf", "third = 3");
        _dir.Write("second.conf", "wrong = true");
        Assert.Equal("""{"first":1,"second":2,"third":3}""", ParseFile("main.conf").ToJson(false));
    }

    [Fact]
    public void Substitutions_in_an_included_file_are_relative_to_where_it_is_included()
    {
        _dir.Write("foo.conf", "x : 10, y : ${x}");
        _dir.Write("main.conf", "a : { include \"foo.conf\" }");
        _dir.Write("override.conf", "a : { include \"foo.conf\" }\na : { x : 42 }");
        Assert.Equal("""{"a":{"x":10,"y":10}}""", ParseFile("main.conf").ToJson(false));
        Assert.Equal("""{"a":{"x":42,"y":42}}""", ParseFile("override.conf").ToJson(false));
    }

    [Fact]
    public void A_substitution_in_an_included_file_falls_back_to_the_root()
    {
        _dir.Write("part.conf", "port = ${defaults.port}");
        _dir.Write("main.conf", "defaults.port = 2181\nserver { include \"part.conf\" }");
        Assert.Equal(2181, ParseFile("main.conf").GetInt("server.port"));
    }

    [Fact]
    public void A_self_reference_in_an_included_file_extends_the_including_files_value()
    {
        _dir.Write("more.conf", "path = ${path} [b]\nlist += 2");
        _dir.Write("main.conf", "path = [a]\nnested { list = [1] }\ninclude \"more.conf\"\nnested { include \"more.conf\" }");
        var config = ParseFile("main.conf");
        Assert.Equal(["a", "b"], config.GetStringList("path"));
        Assert.Equal([1, 2], config.GetIntList("nested.list"));
        Assert.Equal([2], config.GetIntList("list"));
    }

    [Fact]
    public void An_include_cycle_is_an_error()
    {
        _dir.Write("a.conf", "include \"b.conf\"");
        _dir.Write("b.conf", "include \"a.conf\"");
        var error = Assert.Throws<HoconParseException>(() => ParseFile("a.conf"));
        Assert.Contains("include cycle", error.Message);
        Assert.Contains("b.conf", error.Message);
    }

    [Fact]
    public void Including_a_file_from_itself_is_a_cycle()
    {
        _dir.Write("self.conf", "a = 1\ninclude \"self\"");
        Assert.Contains("include cycle", Assert.Throws<HoconParseException>(() => ParseFile("self.conf")).Message);
    }

    [Theory]
    [InlineData("include url(\"http://example.com/a.conf\")")]
    [InlineData("include \"https://example.com/a.conf\"")]
    public void Network_urls_are_rejected_with_a_clear_error(string statement)
    {
        _dir.Write("main.conf", statement);
        Assert.Contains("only file: URLs are supported", Assert.Throws<HoconParseException>(() => ParseFile("main.conf")).Message);
    }

    [Fact]
    public void A_file_url_is_read_as_a_file()
    {
        var target = _dir.Write("target.conf", "t = 1");
        _dir.Write("main.conf", $"include url(\"{new Uri(target).AbsoluteUri}\")");
        Assert.Equal(1, ParseFile("main.conf").GetInt("t"));
    }

    [Fact]
    public void Classpath_includes_are_rejected_with_a_clear_error()
    {
        _dir.Write("main.conf", "include classpath(\"reference.conf\")");
        Assert.Contains("classpath", Assert.Throws<HoconParseException>(() => ParseFile("main.conf")).Message);
    }

    [Theory]
    [InlineData("include foo")]
    [InlineData("include file (\"a.conf\")")]
    [InlineData("include file(\"a.conf\"")]
    [InlineData("include \"a.conf\" extra")]
    [InlineData("include 42")]
    public void A_malformed_include_statement_is_a_parse_error(string statement)
    {
        Assert.Contains("include", ParseError(statement).Message);
    }

    [Fact]
    public void An_included_json_file_must_hold_an_object()
    {
        _dir.Write("list.json", "[1, 2]");
        _dir.Write("main.conf", "include \"list.json\"");
        Assert.Contains("must be an object", Assert.Throws<HoconParseException>(() => ParseFile("main.conf")).Message);
    }

    [Fact]
    public void A_syntax_error_in_an_included_file_names_that_file()
    {
        var bad = _dir.Write("bad.conf", "a = {");
        _dir.Write("main.conf", "include \"bad.conf\"");
        var error = Assert.Throws<HoconParseException>(() => ParseFile("main.conf"));
        Assert.Equal(bad, error.SourceName);
    }

    [Fact]
    public void An_include_inside_an_array_element_object_works()
    {
        _dir.Write("item.conf", "name = item");
        _dir.Write("main.conf", "items = [ { include \"item.conf\" }, { name = other } ]");
        Assert.Equal("""{"items":[{"name":"item"},{"name":"other"}]}""", ParseFile("main.conf").ToJson(false));
    }

    [Fact]
    public void Includes_in_parsed_text_resolve_against_the_include_directory_option()
    {
        _dir.Write("part.conf", "p = 1");
        Assert.Equal(1, Parse("include \"part.conf\"", includeDirectory: _dir.Path).GetInt("p"));
    }
}
