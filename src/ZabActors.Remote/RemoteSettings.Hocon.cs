using ZabActors.Hocon;

namespace ZabActors.Remote;

/// <summary>Reading <see cref="RemoteSettings"/> from HOCON, with the embedded <c>remote.conf</c> underneath.</summary>
public sealed partial record RemoteSettings
{
    public const string ConfigPath = "zab.remote";
    public const string DefaultsResourceName = "ZabActors.Remote.remote.conf";

    private static readonly Lazy<Config> Defaults = new(() => ConfigurationFactory.FromResource(DefaultsResourceName, typeof(RemoteSettings).Assembly));

    /// <summary>The embedded defaults (<c>remote.conf</c>), for layering under a node's configuration.</summary>
    public static Config DefaultConfig => Defaults.Value;

    /// <summary>
    /// Parses <c>zab.remote</c> from a node configuration; keys it lacks come from <see cref="DefaultConfig"/>.
    /// Throws <see cref="ConfigException"/> naming the key for a missing, mistyped or inconsistent value.
    /// </summary>
    public static RemoteSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var remote = config.WithFallback(DefaultConfig).GetConfig(ConfigPath);
        var settings = new RemoteSettings(
            Host: remote.GetString("host"),
            Port: remote.GetInt("port"),
            PublicHost: remote.GetString("public-host"),
            MaximumFrameSizeBytes: ToInt32Bytes(remote, "maximum-frame-size"),
            OutboundQueueSize: remote.GetInt("outbound-queue-size"),
            ReconnectBackoffMin: remote.GetTimeSpan("reconnect-backoff-min"),
            ReconnectBackoffMax: remote.GetTimeSpan("reconnect-backoff-max"),
            HeartbeatInterval: remote.GetTimeSpan("heartbeat-interval"),
            AcceptableHeartbeatPause: remote.GetTimeSpan("acceptable-heartbeat-pause"),
            ConnectTimeout: remote.GetTimeSpan("connect-timeout"),
            Cookie: remote.GetString("cookie"));
        try
        {
            return settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(e.Message, e);
        }
    }

    private static int ToInt32Bytes(Config remote, string key)
    {
        var bytes = remote.GetByteSize(key);
        if (bytes is < 0 or > int.MaxValue)
            throw new ConfigException($"{ConfigPath}.{key} must be between 0 and {int.MaxValue} bytes, got {bytes}");
        return (int)bytes;
    }
}
