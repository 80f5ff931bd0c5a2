using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public class GetterTests
{
    private static readonly Config Sample = Parse("""
        zab {
          name = node-1
          port = 2181
          ratio = 0.75
          big = 9000000000
          enabled = yes
          off = off
          flag = true
          text-number = "42"
          nothing = null
          seeds = [ "a:1", "b:2" ]
          ports = [ 1, 2, 3 ]
          peers = [ { id = 1 }, { id = 2 } ]
          nested { deep { value = 7 } }
          "dotted.key" = 5
        }
        """);

    [Fact]
    public void Strings_read_numbers_and_booleans_as_text()
    {
        Assert.Equal("node-1", Sample.GetString("zab.name"));
        Assert.Equal("2181", Sample.GetString("zab.port"));
        Assert.Equal("0.75", Sample.GetString("zab.ratio"));
        Assert.Equal("true", Sample.GetString("zab.flag"));
    }

    [Fact]
    public void Booleans_accept_the_six_specified_words()
    {
        Assert.True(Sample.GetBoolean("zab.enabled"));
        Assert.False(Sample.GetBoolean("zab.off"));
        Assert.True(Sample.GetBoolean("zab.flag"));
        foreach (var (text, expected) in new[] { ("true", true), ("yes", true), ("on", true), ("false", false), ("no", false), ("off", false) })
            Assert.Equal(expected, Parse($"b = {text}").GetBoolean("b"));
    }

    [Fact]
    public void Numbers_convert_within_range_and_from_numeric_strings()
    {
        Assert.Equal(2181, Sample.GetInt("zab.port"));
        Assert.Equal(9000000000L, Sample.GetLong("zab.big"));
        Assert.Equal(0.75, Sample.GetDouble("zab.ratio"));
        Assert.Equal(42, Sample.GetInt("zab.text-number"));
        Assert.Equal(2181.0, Sample.GetDouble("zab.port"));
        Assert.Equal(1000, Parse("x = 1e3").GetInt("x"));
    }

    [Theory]
    [InlineData("zab.big", "int")]
    [InlineData("zab.ratio", "int")]
    [InlineData("zab.name", "int")]
    [InlineData("zab.seeds", "int")]
    [InlineData("zab.nested", "int")]
    public void A_wrong_type_names_the_path_the_expected_type_and_what_was_found(string path, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetInt(path));
        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains($"expected {expected}", error.Message);
        Assert.Contains("found", error.Message);
    }

    [Fact]
    public void A_missing_setting_without_a_default_is_an_error()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetString("zab.missing"));
        Assert.Contains("'zab.missing' is missing (expected string)", error.Message);
    }

    [Fact]
    public void A_null_setting_without_a_default_is_an_error()
    {
        Assert.Contains("is null", Assert.Throws<ConfigException>(() => Sample.GetInt("zab.nothing")).Message);
    }

    [Fact]
    public void Defaults_apply_to_missing_and_null_settings_but_not_to_wrong_types()
    {
        Assert.Equal(5, Sample.GetInt("zab.missing", 5));
        Assert.Equal(5, Sample.GetInt("zab.nothing", 5));
        Assert.Equal(2181, Sample.GetInt("zab.port", 5));
        Assert.Equal("d", Sample.GetString("absent.path", "d"));
        Assert.True(Sample.GetBoolean("zab.missing", true));
        Assert.Equal(7L, Sample.GetLong("zab.missing", 7L));
        Assert.Equal(1.5, Sample.GetDouble("zab.missing", 1.5));
        Assert.Equal(TimeSpan.FromSeconds(3), Sample.GetTimeSpan("zab.missing", TimeSpan.FromSeconds(3)));
        Assert.Equal(10L, Sample.GetByteSize("zab.missing", 10L));
        Assert.Equal(["x"], Sample.GetStringList("zab.missing", ["x"]));
        Assert.Throws<ConfigException>(() => Sample.GetInt("zab.name", 5));
    }

    [Fact]
    public void Has_path_is_false_for_missing_and_null_settings()
    {
        Assert.True(Sample.HasPath("zab.port"));
        Assert.True(Sample.HasPath("zab.nested"));
        Assert.False(Sample.HasPath("zab.missing"));
        Assert.False(Sample.HasPath("zab.nothing"));
        Assert.False(Sample.HasPath("zab.nothing.below"));
    }

    [Fact]
    public void A_path_through_a_non_object_is_an_error_naming_the_parent()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetInt("zab.port.value"));
        Assert.Contains("'zab.port' is number 2181", error.Message);
        Assert.Throws<ConfigException>(() => Sample.HasPath("zab.name.x"));
    }

    [Fact]
    public void Getter_paths_accept_quoted_elements()
    {
        Assert.Equal(5, Sample.GetInt("zab.\"dotted.key\""));
        Assert.Equal(7, Sample.GetInt("zab . nested.deep.value".Replace(" ", "")));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("")]
    [InlineData("a.{b}")]
    public void An_invalid_getter_path_is_a_config_exception(string path)
    {
        Assert.Contains("path", Assert.ThrowsAny<ConfigException>(() => Sample.GetString(path)).Message);
    }

    [Fact]
    public void Sub_configurations_and_lists_of_them()
    {
        var nested = Sample.GetConfig("zab.nested");
        Assert.Equal(7, nested.GetInt("deep.value"));
        Assert.Equal([1, 2], Sample.GetConfigList("zab.peers").Select(p => p.GetInt("id")));
        Assert.Equal(2, Sample.GetObjectList("zab.peers").Count);
        Assert.Contains("expected object", Assert.Throws<ConfigException>(() => Sample.GetConfig("zab.port")).Message);
        Assert.Throws<ConfigException>(() => Sample.GetConfig("zab.missing"));
        Assert.True(Sample.GetConfig("zab.missing", Config.Empty).IsEmpty);
    }

    [Fact]
    public void Lists_convert_every_element_and_name_the_bad_one()
    {
        Assert.Equal(["a:1", "b:2"], Sample.GetStringList("zab.seeds"));
        Assert.Equal([1, 2, 3], Sample.GetIntList("zab.ports"));
        Assert.Equal([1L, 2L, 3L], Sample.GetLongList("zab.ports"));
        Assert.Equal([1.0, 2.0, 3.0], Sample.GetDoubleList("zab.ports"));
        var error = Assert.Throws<ConfigException>(() => Parse("l = [1, x, 3]").GetIntList("l"));
        Assert.Contains("'l[1]'", error.Message);
        Assert.Contains("expected list of strings", Assert.Throws<ConfigException>(() => Sample.GetStringList("zab.name")).Message);
        Assert.Equal([true, false], Parse("l = [yes, false]").GetBooleanList("l"));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(5)], Parse("l = [1s, 5]").GetTimeSpanList("l"));
        Assert.Equal([1024L, 2L], Parse("l = [1k, 2]").GetByteSizeList("l"));
    }

    [Fact]
    public void Keys_entries_and_root_expose_the_tree()
    {
        var config = Parse("b = 1\na { y = [1], x = null }");
        Assert.Equal(["b", "a"], config.Keys);
        Assert.Equal(["b", "a.y", "a.x"], config.Entries().Select(e => e.Key));
        Assert.Equal(HoconValueType.Object, config.Root["a"].Type);
        Assert.False(config.IsEmpty);
        Assert.True(Config.Empty.IsEmpty);
        Assert.True(ConfigurationFactory.Empty.IsEmpty);
        Assert.Equal(["b", "a"], config.AsEnumerable().Select(e => e.Key));
    }

    [Fact]
    public void Entries_quote_keys_that_need_it_so_they_read_back()
    {
        var config = Parse("\"a.b\" { \"c d\" = 1, \"\" = 2 }");
        foreach (var (path, value) in config.Entries())
            Assert.Equal(value, config.GetValue(path));
    }

    [Fact]
    public void Get_value_returns_the_resolved_value_or_throws_when_missing()
    {
        Assert.IsType<HoconArray>(Sample.GetValue("zab.ports"));
        Assert.IsType<HoconNull>(Sample.GetValue("zab.nothing"));
        Assert.Throws<ConfigException>(() => Sample.GetValue("zab.missing"));
        Assert.True(Sample.TryGetValue("zab.port", out var port));
        Assert.Equal(new HoconNumber(2181L), port);
        Assert.False(Sample.TryGetValue("zab.missing", out _));
    }
}
