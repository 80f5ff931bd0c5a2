namespace ZabActors.Remote.Tests;

public sealed class RemoteSettingsSpec
{
    [Fact]
    public void Defaults_are_valid() => RemoteSettings.Default.Validate();

    [Fact]
    public void Inconsistent_values_are_rejected_with_the_key_name()
    {
        Assert.Contains("acceptable-heartbeat-pause",
            Assert.Throws<ArgumentException>(() => (RemoteSettings.Default with { AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(10) }).Validate()).Message);
        Assert.Contains("reconnect-backoff-max",
            Assert.Throws<ArgumentException>(() => (RemoteSettings.Default with { ReconnectBackoffMax = TimeSpan.FromMilliseconds(1) }).Validate()).Message);
        Assert.Contains("maximum-frame-size",
            Assert.Throws<ArgumentException>(() => (RemoteSettings.Default with { MaximumFrameSizeBytes = 10 }).Validate()).Message);
        Assert.Contains("outbound-queue-size",
            Assert.Throws<ArgumentException>(() => (RemoteSettings.Default with { OutboundQueueSize = 0 }).Validate()).Message);
    }

    [Fact]
    public void Advertised_host_prefers_the_public_host()
    {
        Assert.Equal("127.0.0.1", RemoteSettings.Default.AdvertisedHost);
        Assert.Equal("node1", (RemoteSettings.Default with { PublicHost = "node1" }).AdvertisedHost);
    }
}
