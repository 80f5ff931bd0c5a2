using Akka.Configuration;

namespace ZabActors.Transport;

/// <summary>
/// The <c>zab.transport</c> settings, parsed once, with the sizes that depend on Akka.Remote's
/// <c>maximum-frame-size</c> resolved: a batch and a chunk each fit one Akka.Remote frame.
/// </summary>
public sealed record TransportSettings(
    int MaxBatchPackets,
    int MaxBatchBytes,
    int ChunkBytes,
    long MaxReassemblyBytes,
    TimeSpan UnknownSenderLogInterval)
{
    /// <summary>Akka.Remote refuses a maximum-frame-size below this.</summary>
    public const int FrameBytesMin = 32000;

    /// <summary>Reads <c>zab.transport</c> (with this project's defaults beneath) and <c>akka.remote.dot-netty.tcp.maximum-frame-size</c>.</summary>
    public static TransportSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var merged = config.WithFallback(TransportConfig.Defaults);
        var section = merged.GetConfig("zab.transport");
        var frameBytes = merged.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size", 128000) ?? 128000;
        var overhead = section.GetByteSize("frame-overhead", 4096) ?? 4096;
        var budget = (int)Math.Max(1024, frameBytes - overhead);
        var batch = (int)(section.GetByteSize("max-batch-size", 0) ?? 0);
        var chunk = (int)(section.GetByteSize("chunk-size", 0) ?? 0);
        var settings = new TransportSettings(
            section.GetInt("max-batch-packets", 512),
            batch > 0 ? batch : budget,
            chunk > 0 ? chunk : budget,
            section.GetByteSize("max-reassembly-size", 1L << 30) ?? (1L << 30),
            section.GetTimeSpan("unknown-sender-log-interval", TimeSpan.FromSeconds(10)));
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        if (MaxBatchPackets < 1)
        {
            throw new ConfigurationException("zab.transport.max-batch-packets must be at least 1");
        }
        if (ChunkBytes < 256 || MaxBatchBytes < 256)
        {
            throw new ConfigurationException("zab.transport chunk-size and max-batch-size must be at least 256 bytes");
        }
        if (MaxReassemblyBytes < ChunkBytes)
        {
            throw new ConfigurationException("zab.transport.max-reassembly-size must be at least chunk-size");
        }
    }
}
