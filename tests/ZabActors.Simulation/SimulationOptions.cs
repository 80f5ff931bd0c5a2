using System.Globalization;
using ZabActors.Simulation.Network;
using ZabActors.Simulation.Runtime;
using ZabActors.Simulation.Storage;
using ZabActors.Simulation.Time;
using ZabActors.Simulation.Workload;
using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>
/// Everything one run is configured with. <see cref="FromSeed"/> derives all of it (ensemble size
/// unless given, delays, fault rates, workload, phase lengths) from the seed alone, so the replay
/// command needs nothing but the seed and the sizes given on the command line.
/// </summary>
public sealed record SimulationOptions
{
    public required ulong Seed { get; init; }

    public required ClusterLayout Layout { get; init; }

    public ZabTiming Timing { get; init; } = ZabTiming.Default;

    /// <summary>Transactions between two snapshots of a peer (ZooKeeper's snapCount); null for the peer's default.</summary>
    public int? SnapCount { get; init; }

    public required NetworkOptions Network { get; init; }

    public required DiskOptions Disk { get; init; }

    /// <summary>Each server's clock: offset and drift; none drift when empty.</summary>
    public ClockOptions Clocks { get; init; } = new();

    /// <summary>
    /// Liveness mode heals only a random quorum of voters (the rest stay crashed or cut off) and requires
    /// that quorum to converge; otherwise it heals and restarts everything.
    /// </summary>
    public bool LivenessHealsQuorumOnly { get; init; }

    public required FaultOptions Faults { get; init; }

    public required WorkloadOptions Workload { get; init; }

    /// <summary>Virtual time per simulator tick.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Most simulation steps one tick may take. Far above what the protocol needs (a few hundred); more
    /// means messages keep causing messages, a storm that is reported as a liveness failure.
    /// </summary>
    public int StormStepsPerTick { get; init; } = 200_000;

    /// <summary>Ticks of the safety phase (faults on).</summary>
    public required int SafetyTicks { get; init; }

    /// <summary>
    /// Virtual time liveness mode allows for a leader to be established, every write to complete and
    /// every peer to catch up, after everything is healed and restarted. Sized from the timing: a peer
    /// that looked for a leader for long may wait a whole maximum notification interval before it
    /// speaks again, then election, discovery and synchronization each get their limits.
    /// </summary>
    public TimeSpan LivenessBound =>
        TimeSpan.FromMilliseconds(2 * Timing.MaxNotificationIntervalMs + 3 * Timing.InitLimitTicks * Timing.TickTimeMs + Workload.AttemptTimeoutMs);

    /// <summary>Derives a run's options; <paramref name="voters"/>/<paramref name="observers"/>/<paramref name="safetyTicks"/> override the seed's choice.</summary>
    public static SimulationOptions FromSeed(ulong seed, int? voters = null, int? observers = null, int? safetyTicks = null)
    {
        // A generator of its own, so that the options of a seed never depend on how the run uses randomness.
        var random = new SimulationRandom(seed ^ 0x5EED_0F_0971_0415UL);
        // Drawn even when overridden, so that an override changes nothing else about the run.
        var seedVoters = new[] { 3, 5, 7 }[random.Next(3)];
        var seedObservers = random.Next(3);
        var seedSafetyTicks = random.Next(3000, 12001);
        var voterCount = voters ?? seedVoters;
        var observerCount = observers ?? seedObservers;
        if (voterCount < 1 || observerCount < 0) throw new ArgumentException($"invalid ensemble: {voterCount} voters, {observerCount} observers");
        var layout = new ClusterLayout(voterCount, observerCount);
        var delayMax = new[] { 2, 10, 50, 200 }[random.Next(4)];
        var options = new SimulationOptions
        {
            Seed = seed,
            Layout = layout,
            Network = new NetworkOptions
            {
                // Never zero: a real network takes time, and a zero delay lets a message loop spin without time passing.
                DelayMinMs = random.Next(1, Math.Min(delayMax, 5) + 1),
                DelayMaxMs = delayMax,
                ElectionLossProbability = Pick(random, 0, 0.01, 0.1, 0.3),
                ElectionReplayProbability = Pick(random, 0, 0.01, 0.05),
            },
            Disk = new DiskOptions { CrashAtWriteProbability = Pick(random, 0, 0, 0.001, 0.005) },
            Faults = DeriveFaults(random, layout),
            Workload = new WorkloadOptions
            {
                WriteProbability = Pick(random, 0.01, 0.05, 0.2),
                MaxInFlight = new[] { 1, 4, 16 }[random.Next(3)],
            },
            SafetyTicks = safetyTicks ?? seedSafetyTicks,
        };
        // Drawn last so that the draws above stay what they were before these were derived.
        var timing = random.Chance(0.25) ? TightTiming : ZabTiming.Default;
        // Small committed logs and frequent snapshots push learners onto the SNAP path.
        var committedLogSize = new[] { 500, 500, 50, 10 }[random.Next(4)];
        // A peer refuses a snap count above its committed log (it could not DIFF what it snapshots past).
        var snapCount = new int?[] { null, null, 20, 5 }[random.Next(4)] is { } count ? Math.Min(count, committedLogSize) : (int?)null;
        options = options with { Timing = timing with { CommittedLogSize = committedLogSize }, SnapCount = snapCount };
        return WithPeerFaults(options, random);
    }

    /// <summary>The faults of the pure-peer simulation: disk latency and read faults, bit rot, pauses, clock drift, a quorum-only heal.</summary>
    private static SimulationOptions WithPeerFaults(SimulationOptions options, SimulationRandom random)
    {
        var layout = options.Layout;
        var disk = options.Disk with
        {
            LatencyMaxMs = new[] { 0, 1, 5, 20 }[random.Next(4)],
            ReadFaultProbability = Pick(random, 0, 0, 0.01, 0.05),
        };
        // Bit rot only ever on a minority of the voters (and maybe an observer), so that a quorum keeps a readable disk.
        var rotting = layout.VoterIds.Where(_ => random.Chance(0.5)).Take(layout.MinorityMax).Concat(layout.ObserverIds.Where(_ => random.Chance(0.3))).ToList();
        var faults = options.Faults with
        {
            RotProbability = Pick(random, 0, 0, 0.0005, 0.002),
            RottingPeers = [.. rotting],
            PauseProbability = Pick(random, 0, 0.0005, 0.002, 0.005),
            PauseMaxMs = new[] { 200, 1000, 5000 }[random.Next(3)],
        };
        var driftMax = new[] { 0, 100, 1000, 20_000 }[random.Next(4)];
        var clocks = new ClockOptions
        {
            Peers = layout.AllIds.ToDictionary(
                sid => sid,
                sid => new PeerClock(TimeSpan.FromMilliseconds(random.Next(100_000)), driftMax == 0 ? 0 : random.Next(-driftMax, driftMax + 1))),
        };
        return options with { Disk = disk, Faults = faults, Clocks = clocks, LivenessHealsQuorumOnly = random.Chance(0.5) };
    }

    /// <summary>
    /// Short timeouts relative to the network's delays and clogs, so that the init and sync limits, the
    /// notification back-off and the client write timeout actually expire during runs.
    /// </summary>
    public static ZabTiming TightTiming { get; } = new()
    {
        TickTimeMs = 500,
        InitLimitTicks = 5,
        SyncLimitTicks = 2,
        MaxNotificationIntervalMs = 10_000,
    };

    /// <summary>The options that the seed chose, as one line for the run header.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Layout}; delay {Network.DelayMinMs}-{Network.DelayMaxMs}ms, election loss {Network.ElectionLossProbability}, replay {Network.ElectionReplayProbability}; " +
        $"partition {Faults.PartitionProbability}/tick, crash {Faults.CrashProbability}/tick (max {Faults.MaxCrashed} down), drop {Faults.ConnectionDropProbability}/tick, " +
        $"clog {Faults.ClogProbability}/tick, slow disk {Faults.SlowDiskProbability}/tick, disk crash points {Disk.CrashAtWriteProbability}, " +
        $"disk latency 0-{Disk.LatencyMaxMs}ms, read faults {Disk.ReadFaultProbability}, bit rot {Faults.RotProbability}/tick on [{string.Join(",", Faults.RottingPeers)}], " +
        $"pause {Faults.PauseProbability}/tick (max {Faults.PauseMaxMs}ms), clocks {Clocks}; liveness heals {(LivenessHealsQuorumOnly ? "a quorum" : "everything")}; " +
        $"writes {Workload.WriteProbability}/tick (max {Workload.MaxInFlight} in flight); safety {SafetyTicks} ticks of {Tick.TotalMilliseconds}ms; " +
        $"timing tick {Timing.TickTimeMs}ms init {Timing.InitLimitTicks} sync {Timing.SyncLimitTicks} max notification {Timing.MaxNotificationIntervalMs}ms; " +
        $"committed log {Timing.CommittedLogSize}, snap count {SnapCount?.ToString(CultureInfo.InvariantCulture) ?? "default"}");

    private static FaultOptions DeriveFaults(SimulationRandom random, ClusterLayout layout)
    {
        var faulty = (layout.Voters - 1) / 2;
        return new FaultOptions
        {
            PartitionProbability = Pick(random, 0, 0.0005, 0.002, 0.005),
            HealProbability = Pick(random, 0.002, 0.01),
            CrashProbability = Pick(random, 0, 0.0005, 0.002, 0.005),
            RestartProbability = Pick(random, 0.002, 0.01),
            // Sometimes more than a quorum's worth may be down: safety must hold regardless, and
            // liveness mode restarts everyone.
            MaxCrashed = random.Chance(0.2) ? layout.Voters + layout.Observers : Math.Max(1, faulty),
            ConnectionDropProbability = Pick(random, 0, 0.001, 0.005),
            ClogProbability = Pick(random, 0, 0.001, 0.005),
            SlowDiskProbability = Pick(random, 0, 0.001, 0.005),
        };
    }

    private static double Pick(SimulationRandom random, params double[] choices) => choices[random.Next(choices.Length)];
}
