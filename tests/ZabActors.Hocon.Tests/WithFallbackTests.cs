using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public class WithFallbackTests
{
    private static readonly Config Reference = Parse("""
        zab {
          tick = 200ms
          peers = [ a ]
          election { timeout = 1s, retries = 3 }
          data-dir = /var/zab
          log-dir = ${zab.data-dir}/log
        }
        """);

    [Fact]
    public void Missing_settings_come_from_the_fallback_and_objects_merge()
    {
        var config = Parse("zab.election.retries = 5\nzab.extra = 1").WithFallback(Reference);
        Assert.Equal(5, config.GetInt("zab.election.retries"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("zab.election.timeout"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), config.GetTimeSpan("zab.tick"));
        Assert.Equal(1, config.GetInt("zab.extra"));
    }

    [Fact]
    public void A_non_object_hides_the_fallback_object()
    {
        Assert.Equal("off", Parse("zab.election = off").WithFallback(Reference).GetString("zab.election"));
    }

    [Fact]
    public void Substitutions_in_the_primary_see_the_fallback()
    {
        var config = Parse("zab.snap-dir = ${zab.data-dir}/snap", fallback: Reference);
        Assert.Equal("/var/zab/snap", config.GetString("zab.snap-dir"));
    }

    [Fact]
    public void The_fallback_is_resolved_on_its_own()
    {
        var config = Parse("zab.data-dir = /srv/zab").WithFallback(Reference);
        Assert.Equal("/srv/zab", config.GetString("zab.data-dir"));
        Assert.Equal("/var/zab/log", config.GetString("zab.log-dir"));
    }

    [Fact]
    public void Primary_substitutions_resolve_again_over_the_combination()
    {
        var primary = Parse("a = ${?b}\nc = 1");
        Assert.False(primary.HasPath("a"));
        Assert.Equal(2, primary.WithFallback(Parse("b = 2")).GetInt("a"));
    }

    [Fact]
    public void Appending_in_the_primary_extends_the_fallback_list()
    {
        Assert.Equal(["a", "b"], Parse("zab.peers += b", fallback: Reference).GetStringList("zab.peers"));
        Assert.Equal(["a", "b"], Parse("zab.peers += b").WithFallback(Reference).GetStringList("zab.peers"));
    }

    [Fact]
    public void Fallbacks_chain_in_priority_order()
    {
        var config = Parse("a = 1").WithFallback(Parse("a = 2, b = 2")).WithFallback(Parse("a = 3, b = 3, c = 3"));
        Assert.Equal("""{"a":1,"b":2,"c":3}""", config.ToJson(false).Replace("\n", ""));
        Assert.Equal(["a", "b", "c"], config.Keys);
    }

    [Fact]
    public void An_empty_fallback_changes_nothing()
    {
        var config = Parse("a = 1");
        Assert.Same(config, config.WithFallback(Config.Empty));
        Assert.Equal(1, Config.Empty.WithFallback(config).GetInt("a"));
    }

    [Fact]
    public void A_sub_configuration_can_take_a_fallback()
    {
        var config = Parse("zab.tick = 1s").GetConfig("zab").WithFallback(Reference.GetConfig("zab"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("tick"));
        Assert.Equal(3, config.GetInt("election.retries"));
    }
}
