using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public class JsonOutputTests
{
    [Fact]
    public void Indented_json_lists_keys_in_definition_order()
    {
        var json = Parse("b = 1\na { c = [1, 2.5], d = {}, e = [] }\nn = null").ToJson();
        Assert.Equal("{\n  \"b\": 1,\n  \"a\": {\n    \"c\": [\n      1,\n      2.5\n    ],\n    \"d\": {},\n    \"e\": []\n  },\n  \"n\": null\n}", json);
    }

    [Fact]
    public void Strings_are_escaped_and_lone_surrogates_stay_valid_json()
    {
        var json = Parse("s = \"q\\\" \\\\ \\n \\u0001 \\ud800 é\"").ToJson(indented: false);
        Assert.Equal("""{"s":"q\" \\ \n \u0001 \ud800 é"}""", json);
    }

    [Fact]
    public void Doubles_render_as_doubles_and_integers_as_integers()
    {
        Assert.Equal("""{"a":1.0,"b":1,"c":1000.0,"d":0.1}""", Json("a = 1.0\nb = 1\nc = 1e3\nd = 0.1"));
    }

    [Fact]
    public void Json_output_parses_back_to_the_same_value()
    {
        var config = Parse("a { b = [1, 2.5, \"x\", true, null, { c = -3 }] }\n\"k.e y\" = \"\\t\"");
        var again = ConfigurationFactory.ParseString(config.ToJson(), new HoconParseOptions { Syntax = HoconSyntax.Json });
        Assert.Equal(config.Root, again.Root);
    }
}
