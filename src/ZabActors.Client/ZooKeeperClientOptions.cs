namespace ZabActors.Client;

/// <summary>How a client connects: requested session timeout, read-only acceptance, packet limit, connect timeout.</summary>
public sealed record ZooKeeperClientOptions
{
    /// <summary>Asked of the server, which clamps it to its own bounds (2 to 20 ticks by default).</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Accept a server cut off from its quorum (reads only).</summary>
    public bool CanBeReadOnly { get; init; }

    /// <summary>The largest packet accepted from a server (jute.maxbuffer).</summary>
    public int MaxPacketBytes { get; init; } = 0xFFFFF + 1024;

    /// <summary>How long one connection attempt to one server may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
