namespace ZabActors.Simulation.Network;

/// <summary>
/// The simulated network's fault rates and delays for one run, all derived from the run's seed.
/// Probabilities are per message unless named per tick.
/// </summary>
public sealed record NetworkOptions
{
    public int DelayMinMs { get; init; } = 1;

    public int DelayMaxMs { get; init; } = 10;

    /// <summary>Chance that one election notification is lost.</summary>
    public double ElectionLossProbability { get; init; }

    /// <summary>Chance that one election notification is delivered a second time, later (a replay after a reconnect).</summary>
    public double ElectionReplayProbability { get; init; }

    /// <summary>Most a replayed notification trails the original.</summary>
    public int ReplayDelayMaxMs { get; init; } = 500;

    /// <summary>How long a connect to an unreachable (partitioned) server takes to fail.</summary>
    public int ConnectTimeoutMs { get; init; } = 1000;

    public NetworkOptions Validate()
    {
        Require(DelayMinMs >= 0 && DelayMaxMs >= DelayMinMs, "delay bounds");
        Require(ElectionLossProbability is >= 0 and <= 1, "election loss probability");
        Require(ElectionReplayProbability is >= 0 and <= 1, "election replay probability");
        Require(ReplayDelayMaxMs >= 0 && ConnectTimeoutMs >= 0, "replay delay and connect timeout");
        return this;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new ArgumentException($"invalid network options: {what}");
    }
}
