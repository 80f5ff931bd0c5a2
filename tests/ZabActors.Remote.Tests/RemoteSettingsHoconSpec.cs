using ZabActors.Hocon;

namespace ZabActors.Remote.Tests;

public sealed class RemoteSettingsHoconSpec
{
    [Fact]
    public void Embedded_defaults_match_the_code_defaults() =>
        Assert.Equal(RemoteSettings.Default, RemoteSettings.Create(ConfigurationFactory.Empty));

    [Fact]
    public void Node_configuration_overrides_the_defaults_key_by_key()
    {
        var config = ConfigurationFactory.ParseString("""
            zab.remote {
              port = 0
              public-host = "node1.example"
              maximum-frame-size = 1MiB
              heartbeat-interval = 250ms
              cookie = "ensemble-a"
            }
            """);

        var settings = RemoteSettings.Create(config);

        Assert.Equal(RemoteSettings.Default with
        {
            Port = 0,
            PublicHost = "node1.example",
            MaximumFrameSizeBytes = 1024 * 1024,
            HeartbeatInterval = TimeSpan.FromMilliseconds(250),
            Cookie = "ensemble-a",
        }, settings);
    }

    [Theory]
    [InlineData("zab.remote.acceptable-heartbeat-pause = 1ms", "acceptable-heartbeat-pause")]
    [InlineData("zab.remote.maximum-frame-size = 8GiB", "maximum-frame-size")]
    [InlineData("zab.remote.port = many", "port")]
    public void Bad_values_are_reported_with_their_key(string hocon, string key)
    {
        var ex = Assert.ThrowsAny<ConfigException>(() => RemoteSettings.Create(ConfigurationFactory.ParseString(hocon)));
        Assert.Contains(key, ex.Message);
    }
}
