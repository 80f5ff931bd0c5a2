using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public class SubstitutionTests
{
    [Fact]
    public void A_substitution_may_refer_forward_and_keeps_the_type_of_a_lone_value()
    {
        Assert.Equal("""{"i":42,"b":true,"o":{"x":1},"l":[1],"n":null,"s":"str","src":{"i":42,"b":true,"o":{"x":1},"l":[1],"n":null,"s":"str"}}""",
            Json("i = ${src.i}\nb = ${src.b}\no = ${src.o}\nl = ${src.l}\nn = ${src.n}\ns = ${src.s}\nsrc { i = 42, b = true, o { x = 1 }, l = [1], n = null, s = str }"));
    }

    [Fact]
    public void A_substitution_sees_the_final_merged_value_of_its_path()
    {
        Assert.Equal("""{"a":{"x":1,"y":2},"b":{"x":1,"y":2}}""", Json("a { x = 1 }\nb = ${a}\na { y = 2 }"));
    }

    [Fact]
    public void A_quoted_path_segment_in_a_substitution_keeps_its_dot()
    {
        Assert.Equal("""{"a.b":1,"c":1}""", Json("\"a.b\" = 1\nc = ${\"a.b\"}"));
    }

    [Fact]
    public void Whitespace_around_a_substitution_path_is_ignored()
    {
        Assert.Equal("""{"a":{"b":1},"c":1}""", Json("a.b = 1\nc = ${ a.b }"));
    }

    [Fact]
    public void An_undefined_optional_substitution_does_not_create_the_field()
    {
        Assert.Equal("{}", Json("a = ${?missing}"));
    }

    [Fact]
    public void An_undefined_optional_substitution_leaves_the_previous_value_in_place()
    {
        Assert.Equal("""{"a":1}""", Json("a = 1\na = ${?missing}"));
    }

    [Fact]
    public void An_undefined_optional_substitution_adds_no_array_element()
    {
        Assert.Equal("""{"a":[1,2]}""", Json("a = [1, ${?missing}, 2]"));
    }

    [Fact]
    public void An_undefined_optional_substitution_is_empty_inside_a_concatenation()
    {
        Assert.Equal("""{"a":"xy","b":""}""", Json("a = x${?missing}y\nb = ${?m1}${?m2}"));
    }

    [Fact]
    public void An_unresolved_substitution_names_its_path_and_position()
    {
        var error = ResolveError("a = 1\nb = ${missing.path}");
        Assert.Contains("${missing.path}", error.Message);
        Assert.Contains("<string>:2:5", error.Message);
        Assert.Contains("no setting at 'missing.path'", error.Message);
    }

    [Fact]
    public void A_path_through_a_non_object_is_unresolved()
    {
        Assert.Contains("${a.b}", ResolveError("a = 1\nc = ${a.b}").Message);
    }

    [Fact]
    public void An_environment_variable_answers_a_path_the_configuration_does_not_define()
    {
        var env = new Dictionary<string, string> { ["PORT"] = "8080", ["a.b"] = "dotted" };
        var config = Parse("port = ${PORT}\nd = ${a.b}\nopt = ${?PORT}", env);
        Assert.Equal(8080, config.GetInt("port"));
        Assert.Equal("8080", config.GetString("port"));
        Assert.Equal("dotted", config.GetString("d"));
        Assert.Equal("8080", config.GetString("opt"));
    }

    [Fact]
    public void The_configuration_wins_over_the_environment_and_null_blocks_it()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/env/home", ["USER"] = "env-user" };
        var config = Parse("HOME = /config/home\nhome = ${HOME}\nUSER = null\nuser = ${USER}", env);
        Assert.Equal("/config/home", config.GetString("home"));
        Assert.IsType<HoconNull>(config.GetValue("user"));
    }

    [Fact]
    public void An_empty_environment_variable_is_an_empty_string()
    {
        Assert.Equal("""{"a":""}""", Json("a = ${EMPTY}", new Dictionary<string, string> { ["EMPTY"] = "" }));
    }

    [Fact]
    public void The_process_environment_is_the_default_fallback()
    {
        var name = "ZAB_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-process");
        try
        {
            Assert.Equal("from-process", ConfigurationFactory.ParseString($"a = ${{{name}}}").GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void An_object_may_refer_to_its_own_fields()
    {
        Assert.Equal("""{"bar":{"foo":42,"baz":42}}""", Json("bar : { foo : 42, baz : ${bar.foo} }"));
    }

    [Fact]
    public void A_reference_into_the_same_object_looks_forward_to_the_final_value()
    {
        Assert.Equal("""{"bar":{"foo":43,"baz":43}}""", Json("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }"));
    }

    [Fact]
    public void Mutually_referring_objects_resolve()
    {
        Assert.Equal("""{"bar":{"a":4,"b":3},"foo":{"c":3,"d":4}}""",
            Json("bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4"));
    }

    [Fact]
    public void A_self_reference_looks_back_to_the_previous_value()
    {
        Assert.Equal("""{"path":"a:b:c:d"}""", Json("path : \"a:b:c\"\npath : ${path}\":d\""));
        Assert.Equal("""{"path":["/bin","/usr/bin"]}""", Json("path = [ /bin ]\npath = ${path} [ /usr/bin ]"));
        Assert.Equal("""{"a":{"x":1,"b":1}}""", Json("a = { x = 1 }\na = ${a} { b = 1 }"));
    }

    [Fact]
    public void Repeated_self_references_each_see_the_one_before()
    {
        Assert.Equal("""{"a":"1xy"}""", Json("a = 1\na = ${a}x\na = ${a}y"));
    }

    [Fact]
    public void A_self_reference_through_a_path_looks_back_even_when_a_later_definition_overrides()
    {
        Assert.Equal("""{"foo":{"a":2,"c":1}}""", Json("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }"));
    }

    [Fact]
    public void An_optional_self_reference_with_no_earlier_value_is_undefined()
    {
        Assert.Equal("""{"a":"foo"}""", Json("a = ${?a}foo"));
        Assert.Equal("{}", Json("foo : ${?foo}"));
    }

    [Fact]
    public void A_required_self_reference_with_no_earlier_value_is_an_error()
    {
        var error = ResolveError("foo : ${foo}");
        Assert.Contains("refers back to the field being defined", error.Message);
        Assert.Contains("refers back", ResolveError("foo : ${foo}\nfoo : { a : 1 }").Message);
    }

    [Fact]
    public void A_self_reference_in_a_nested_field_looks_back()
    {
        Assert.Equal("""{"a":{"b":"1 2"}}""", Json("a : { b : 1 }\na : { b : ${a.b} 2 }"));
    }

    [Fact]
    public void A_hidden_definition_is_never_resolved()
    {
        Assert.Equal("""{"foo":42}""", Json("foo : ${does-not-exist}\nfoo : 42"));
        Assert.Equal("""{"foo":42}""", Json("foo : ${foo}\nfoo : 42"));
    }

    [Theory]
    [InlineData("a : { b : ${a} }")]
    [InlineData("a : [ ${a} ]")]
    [InlineData("a = { x = 1 }\na = { y = ${a} }")]
    public void A_value_containing_a_reference_to_itself_is_a_cycle(string text)
    {
        Assert.Contains("cycle", ResolveError(text).Message);
    }

    [Theory]
    [InlineData("bar : ${foo}\nfoo : ${bar}")]
    [InlineData("a : ${b}\nb : ${c}\nc : ${a}")]
    public void Substitutions_that_only_point_at_each_other_are_an_error(string text)
    {
        var error = ResolveError(text);
        Assert.Contains("refers back", error.Message);
        Assert.Contains(" -> ", error.Message);
    }

    [Fact]
    public void Optional_substitutions_in_a_cycle_are_undefined()
    {
        Assert.Equal("{}", Json("a = ${?b}\nb = ${?a}"));
    }

    [Fact]
    public void Plus_equals_on_a_missing_key_starts_an_array()
    {
        Assert.Equal("""{"a":[1]}""", Json("a += 1"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_earlier_array()
    {
        Assert.Equal("""{"a":[1,2,3],"x":{"l":["p","q"]}}""", Json("a = [1]\na += 2\na += 3\nx { l += p }\nx.l += q"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_array_from_a_substitution()
    {
        Assert.Equal("""{"base":[1],"a":[1,2]}""", Json("base = [1]\na = ${base}\na += 2"));
    }

    [Fact]
    public void Plus_equals_on_a_non_array_is_an_error()
    {
        Assert.Contains("'+=' appends to an array, but 'a' is string \"x\"", ResolveError("a = x\na += 1").Message);
    }

    [Fact]
    public void Plus_equals_inside_an_array_is_rejected()
    {
        Assert.Contains("'+='", ParseError("l = [ { a += 1 } ]").Message);
    }

    [Fact]
    public void A_long_run_of_appends_resolves_without_deep_recursion()
    {
        var text = string.Join("\n", Enumerable.Range(0, 5000).Select(i => $"a += {i}"));
        Assert.Equal(Enumerable.Range(0, 5000).ToArray(), Parse(text).GetIntList("a"));
    }

    [Fact]
    public void A_very_long_substitution_chain_is_an_error_not_a_crash()
    {
        var lines = Enumerable.Range(0, 2000).Select(i => $"a{i} = ${{a{i + 1}}}").Append("a2000 = 1");
        var error = ResolveError(string.Join("\n", lines));
        Assert.Contains("nested more than", error.Message);
    }
}
