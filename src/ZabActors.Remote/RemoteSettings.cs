namespace ZabActors.Remote;

/// <summary>
/// Owns the tunables of the remoting layer, parsed once from <c>zab.remote</c> (see <c>remote.conf</c>
/// for the documented defaults). <see cref="Validate"/> rejects inconsistent values with the key name.
/// </summary>
public sealed partial record RemoteSettings(
    string Host,
    int Port,
    string PublicHost,
    int MaximumFrameSizeBytes,
    int OutboundQueueSize,
    TimeSpan ReconnectBackoffMin,
    TimeSpan ReconnectBackoffMax,
    TimeSpan HeartbeatInterval,
    TimeSpan AcceptableHeartbeatPause,
    TimeSpan ConnectTimeout,
    string Cookie)
{
    /// <summary>Smallest frame limit that still fits a handshake with long host and system names.</summary>
    public const int MinimumFrameSizeBytes = 4096;

    /// <summary>The values of the embedded <c>remote.conf</c>, for code that runs without HOCON.</summary>
    public static RemoteSettings Default { get; } = new(
        Host: "127.0.0.1",
        Port: 2552,
        PublicHost: "",
        MaximumFrameSizeBytes: 4 * 1024 * 1024,
        OutboundQueueSize: 32768,
        ReconnectBackoffMin: TimeSpan.FromMilliseconds(100),
        ReconnectBackoffMax: TimeSpan.FromSeconds(5),
        HeartbeatInterval: TimeSpan.FromSeconds(1),
        AcceptableHeartbeatPause: TimeSpan.FromSeconds(5),
        ConnectTimeout: TimeSpan.FromSeconds(5),
        Cookie: "zab");

    /// <summary>The host other nodes dial: <see cref="PublicHost"/> when set, else <see cref="Host"/>.</summary>
    public string AdvertisedHost => string.IsNullOrEmpty(PublicHost) ? Host : PublicHost;

    public RemoteSettings Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Host), "zab.remote.host must not be empty");
        Require(Port is >= 0 and <= 65535, $"zab.remote.port must be within 0..65535, got {Port}");
        Require(MaximumFrameSizeBytes >= MinimumFrameSizeBytes,
            $"zab.remote.maximum-frame-size must be at least {MinimumFrameSizeBytes} bytes, got {MaximumFrameSizeBytes}");
        Require(OutboundQueueSize > 0, $"zab.remote.outbound-queue-size must be positive, got {OutboundQueueSize}");
        Require(ReconnectBackoffMin > TimeSpan.Zero, "zab.remote.reconnect-backoff-min must be positive");
        Require(ReconnectBackoffMax >= ReconnectBackoffMin,
            "zab.remote.reconnect-backoff-max must not be below zab.remote.reconnect-backoff-min");
        Require(HeartbeatInterval > TimeSpan.Zero, "zab.remote.heartbeat-interval must be positive");
        Require(AcceptableHeartbeatPause > HeartbeatInterval,
            "zab.remote.acceptable-heartbeat-pause must exceed zab.remote.heartbeat-interval");
        Require(ConnectTimeout > TimeSpan.Zero, "zab.remote.connect-timeout must be positive");
        Require(Cookie is not null, "zab.remote.cookie must be set (may be empty)");
        return this;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new ArgumentException(message);
    }
}
