using Akka.Actor;
using ZabActors.Hocon;

namespace ZabActors.Hosting.Tests;

/// <summary>
/// The cases Akka's built-in HOCON parser gets wrong reach an ActorSystem right through our loader,
/// and what Akka reads (durations, sizes, lists, quoted keys, its own defaults) is what the file says.
/// </summary>
public sealed class AkkaConfigSpec : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("zab-akka-config-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Optional_substitution_of_an_unset_variable_keeps_the_earlier_value()
    {
        var config = Load("a = 1\na = ${?ZABACTORS_SURELY_UNSET_VARIABLE}\n");

        Assert.Equal(1, config.GetInt("a"));
    }

    [Fact]
    public void Environment_variables_are_substituted()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        Assert.False(string.IsNullOrEmpty(home), "the test needs HOME set");

        var config = Load("home = ${HOME}\n");

        Assert.Equal(home, config.GetString("home"));
    }

    [Fact]
    public void Self_referencing_list_concatenation_appends()
    {
        var config = Load("p = [1]\np = ${p} [2]\n");

        Assert.Equal([1, 2], config.GetIntList("p"));
    }

    [Fact]
    public void Durations_sizes_and_quoted_keys_read_as_Akka_expects()
    {
        var config = Load("""
            zab.tick-time = 2s
            akka.remote.dot-netty.tcp.maximum-frame-size = 4MiB
            akka.actor.serialization-bindings { "ZabActors.Zab.Notification, ZabActors.Zab" = zab-election }
            """);

        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("zab.tick-time"));
        Assert.Equal(4L * 1024 * 1024, config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
        var bindings = config.GetConfig("akka.actor.serialization-bindings").AsEnumerable().ToDictionary(e => e.Key, e => e.Value.GetString());
        Assert.Equal("zab-election", bindings["ZabActors.Zab.Notification, ZabActors.Zab"]);
    }

    [Fact]
    public void Akka_reference_configuration_fills_what_the_file_leaves_out()
    {
        var config = Load("zab.my-id = 1\n");

        Assert.Equal("Akka.Actor.LocalActorRefProvider", config.GetString("akka.actor.provider"));
    }

    [Fact]
    public void An_actor_system_starts_on_the_loaded_configuration()
    {
        var config = Load("akka.loglevel = WARNING\nakka.actor.default-dispatcher.throughput = ${?ZABACTORS_SURELY_UNSET_VARIABLE}\nakka.actor.default-dispatcher.throughput = 7\n");

        using var system = ActorSystem.Create("config-spec", config);

        Assert.Equal("WARNING", system.Settings.LogLevel);
        Assert.Equal(7, system.Settings.Config.GetInt("akka.actor.default-dispatcher.throughput"));
    }

    [Fact]
    public void A_node_file_with_includes_loads_both_views()
    {
        File.WriteAllText(Path.Combine(dir, "common.conf"), "zab.tick-time = 2000ms\n");
        var node = Path.Combine(dir, "node.conf");
        File.WriteAllText(node, "include \"common.conf\"\nzab.my-id = 3\n");

        var (zab, akka) = AkkaConfig.LoadFile(node);

        Assert.Equal(3, zab.GetInt("zab.my-id"));
        Assert.Equal(TimeSpan.FromSeconds(2), akka.GetTimeSpan("zab.tick-time"));
    }

    [Fact]
    public void A_broken_file_is_a_configuration_error_naming_the_file()
    {
        var node = Path.Combine(dir, "broken.conf");
        File.WriteAllText(node, "zab { my-id = \n");

        var error = Assert.ThrowsAny<ConfigException>(() => AkkaConfig.LoadFile(node));

        Assert.Contains("broken.conf", error.Message);
    }

    private Akka.Configuration.Config Load(string text)
    {
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return AkkaConfig.LoadFile(path).Akka;
    }
}
