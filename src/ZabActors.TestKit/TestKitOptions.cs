using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Hocon;

namespace ZabActors.TestKit;

/// <summary>
/// How a <see cref="TestKit"/> builds its system: extra HOCON, the system name, logging, the default
/// expectation timeout and whether it runs in virtual time on a seeded deterministic runtime.
/// </summary>
public sealed record TestKitOptions
{
    public static readonly TestKitOptions Default = new();

    /// <summary>Configuration laid over the runtime's defaults.</summary>
    public Config? Config { get; init; }

    public string SystemName { get; init; } = "test";

    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Non-null selects virtual-time mode: the system runs on a deterministic runtime with this seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>An existing runtime to run on (e.g. shared with other systems of the same simulation); implies virtual time.</summary>
    public DeterministicRuntime? Runtime { get; init; }

    /// <summary>Virtual-time mode with <paramref name="seed"/>: no real threads or clocks; expectations run the runtime.</summary>
    public static TestKitOptions VirtualTime(ulong seed = 0, string? config = null) =>
        new() { Seed = seed, Config = config is null ? null : ConfigurationFactory.ParseString(config) };

    /// <summary>Real-time mode with <paramref name="config"/> (HOCON) over the defaults.</summary>
    public static TestKitOptions WithConfig(string config) => new() { Config = ConfigurationFactory.ParseString(config) };

    internal DeterministicRuntime? CreateRuntime() => Runtime ?? (Seed is { } seed ? new DeterministicRuntime(seed) : null);
}
