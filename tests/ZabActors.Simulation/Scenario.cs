using ZabActors.Simulation.Network;
using ZabActors.Simulation.Storage;
using ZabActors.Simulation.Workload;
using ZabActors.Zab;

namespace ZabActors.Simulation;

/// <summary>
/// Hand-picked cases on the simulation harness, as a fluent script (after TigerBeetle's
/// replica_test.zig): start peers, write, crash, partition, heal, and wait for a leader or for full
/// convergence, with every checker running after every step. No fault happens unless the script
/// asks for it; the seed still drives delays and disk latencies. Clocks do not drift unless given.
/// </summary>
public sealed class Scenario
{
    private Scenario(SimulationOptions options, TextWriter? verbose)
    {
        Ensemble = new SimulatedEnsemble(options, verbose);
    }

    public SimulatedEnsemble Ensemble { get; }

    public TimeSpan Now => Ensemble.Now;

    /// <summary>The established leader; throws when there is none.</summary>
    public long Leader => Ensemble.EstablishedLeader() ?? throw new InvalidOperationException("no established leader");

    /// <summary>A quiet ensemble: seeded delays of <paramref name="delayMinMs"/>..<paramref name="delayMaxMs"/> and no faults at all.</summary>
    public static Scenario Create(
        ulong seed, int voters, int observers = 0, int delayMinMs = 1, int delayMaxMs = 10, ZabTiming? timing = null,
        DiskOptions? disk = null, TextWriter? verbose = null, Time.ClockOptions? clocks = null)
    {
        var options = new SimulationOptions
        {
            Seed = seed,
            Layout = new ClusterLayout(voters, observers),
            Timing = timing ?? ZabTiming.Default,
            Network = new NetworkOptions { DelayMinMs = delayMinMs, DelayMaxMs = delayMaxMs },
            Disk = disk ?? new DiskOptions(),
            Clocks = clocks ?? new Time.ClockOptions(),
            Faults = new FaultOptions(),
            Workload = new WorkloadOptions { WriteProbability = 0, MaxInFlight = int.MaxValue },
            SafetyTicks = 0,
        };
        return new Scenario(options, verbose);
    }

    public Scenario StartAll()
    {
        foreach (var sid in Ensemble.Options.Layout.AllIds) Ensemble.Cluster.Start(sid);
        return this;
    }

    public Scenario Start(long sid)
    {
        Ensemble.Cluster.Start(sid);
        return this;
    }

    public Scenario Crash(long sid)
    {
        Ensemble.Cluster.Crash(sid, "scenario crash");
        return this;
    }

    /// <summary>Restarts a crashed (or stopped) peer: a new incarnation recovers from its disk.</summary>
    public Scenario Restart(long sid)
    {
        Ensemble.Cluster.Start(sid);
        return this;
    }

    /// <summary>The server takes no input for <paramref name="duration"/> from now; its clock runs on.</summary>
    public Scenario Pause(long sid, TimeSpan duration)
    {
        Ensemble.Cluster.Pause(sid, Now + duration);
        return this;
    }

    public Scenario Partition(params long[][] groups)
    {
        Ensemble.Network.Partition([.. groups]);
        return this;
    }

    public Scenario Heal()
    {
        Ensemble.Network.Heal();
        return this;
    }

    /// <summary>Starts <paramref name="count"/> client writes, each retried until acknowledged.</summary>
    public Scenario Write(int count)
    {
        for (var i = 0; i < count; i++) Ensemble.Workload.StartWrite();
        return this;
    }

    /// <summary>Runs for a while; clients retry failed writes every tick.</summary>
    public Scenario RunFor(TimeSpan duration)
    {
        var end = Now + duration;
        while (Now < end)
        {
            Ensemble.Workload.Tick(newWrites: false);
            Ensemble.RunFor(Min(Ensemble.Options.Tick, end - Now));
        }
        return this;
    }

    /// <summary>Runs until <paramref name="condition"/> holds; throws with what is pending when <paramref name="bound"/> passes first.</summary>
    public Scenario Await(Func<SimulatedEnsemble, bool> condition, TimeSpan bound, string what)
    {
        var deadline = Now + bound;
        while (!condition(Ensemble))
        {
            if (Now >= deadline)
            {
                throw new TimeoutException($"{what} not reached within {bound.TotalSeconds}s (at {Now.TotalMilliseconds}ms): {string.Join("; ", Ensemble.Pending())}");
            }
            Ensemble.Workload.Tick(newWrites: false);
            Ensemble.RunUntil(() => condition(Ensemble), Min(Ensemble.Options.Tick, deadline - Now));
        }
        return this;
    }

    public Scenario AwaitLeader(TimeSpan bound) => Await(e => e.EstablishedLeader() is not null, bound, "an established leader");

    public Scenario AwaitConvergence(TimeSpan bound) => Await(e => e.Converged(), bound, "convergence");

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;
}
