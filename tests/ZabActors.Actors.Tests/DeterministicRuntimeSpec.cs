using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

public sealed class DeterministicRuntimeSpec
{
    private sealed record Hop(string Origin, int Remaining);

    /// <summary>Records every hop in the shared trace and passes it on to the next relay until it runs out.</summary>
    private sealed class Relay : ReceiveActor
    {
        public Relay(List<string> trace, IActorRef[] ring, int index)
        {
            Receive<Hop>(h =>
            {
                trace.Add($"{Self.Path.Name}<-{h.Origin}:{h.Remaining}@{Environment.CurrentManagedThreadId}");
                if (h.Remaining > 0) ring[(index + 1) % ring.Length].Tell(h with { Remaining = h.Remaining - 1 }, Self);
            });
        }
    }

    private static List<string> RunRing(ulong seed, int systems = 1)
    {
        var runtime = new DeterministicRuntime(seed);
        var trace = new List<string>();
        var ring = new IActorRef[6];
        var actorSystems = Enumerable.Range(0, systems)
            .Select(i => ActorSystem.Create($"peer{i}", ActorSystemSettings.Default, ActorSystemSetup.Deterministic(runtime)))
            .ToArray();
        for (int i = 0; i < ring.Length; i++)
        {
            int index = i;
            ring[i] = actorSystems[i % systems].ActorOf(Props.Create(() => new Relay(trace, ring, index)), $"r{i}");
        }
        runtime.RunUntilIdle();
        for (int i = 0; i < ring.Length; i++)
        {
            for (int burst = 0; burst < 3; burst++) ring[i].Tell(new Hop($"o{i}.{burst}", 5), ActorRefs.NoSender);
        }
        runtime.RunUntilIdle();
        foreach (var system in actorSystems) system.Dispose();
        return trace;
    }

    [Fact]
    public void The_same_seed_gives_the_same_interleaving()
    {
        var first = RunRing(seed: 1234);
        var second = RunRing(seed: 1234);
        Assert.Equal(6 * 3 * 6, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_give_different_interleavings()
    {
        var traces = new[] { 1UL, 2UL, 3UL }.Select(seed => string.Join("\n", RunRing(seed))).ToArray();
        Assert.Equal(3, traces.Distinct().Count());
    }

    [Fact]
    public void Everything_runs_on_the_calling_thread()
    {
        var trace = RunRing(seed: 7);
        var self = $"@{Environment.CurrentManagedThreadId}";
        Assert.All(trace, entry => Assert.EndsWith(self, entry));
    }

    [Fact]
    public void Several_systems_share_one_runtime_and_stay_deterministic()
    {
        var first = RunRing(seed: 99, systems: 3);
        var second = RunRing(seed: 99, systems: 3);
        Assert.Equal(6 * 3 * 6, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Systems_on_one_runtime_share_virtual_time()
    {
        var runtime = new DeterministicRuntime(5);
        var a = ActorSystem.Create("a", ActorSystemSettings.Default, ActorSystemSetup.Deterministic(runtime));
        var b = ActorSystem.Create("b", ActorSystemSettings.Default, ActorSystemSetup.Deterministic(runtime));
        var fired = new List<string>();
        a.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(2), () => fired.Add($"a@{runtime.Elapsed.TotalSeconds}"));
        b.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => fired.Add($"b@{runtime.Elapsed.TotalSeconds}"));
        runtime.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["b@1", "a@2"], fired);
        Assert.Equal(a.Scheduler.Now, b.Scheduler.Now);
        Assert.Equal(DeterministicRuntime.DefaultStartTime + TimeSpan.FromSeconds(5), a.Scheduler.Now);
    }

    [Fact]
    public void Timers_fire_in_due_order_and_ties_in_scheduling_order()
    {
        var runtime = new DeterministicRuntime(1);
        var order = new List<string>();
        runtime.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(3), () => order.Add("late"));
        runtime.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => order.Add("tie-1"));
        runtime.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => order.Add("tie-2"));
        var cancelled = runtime.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => order.Add("cancelled"));
        runtime.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => order.Add("tie-3"));
        cancelled.Cancel();
        runtime.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["tie-1", "tie-2", "tie-3"], order);
        runtime.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["tie-1", "tie-2", "tie-3", "late"], order);
    }

    [Fact]
    public void A_repeating_timer_fires_at_each_interval_until_cancelled()
    {
        var runtime = new DeterministicRuntime(1);
        var times = new List<double>();
        var repeating = runtime.Scheduler.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), () => times.Add(runtime.Elapsed.TotalSeconds));
        runtime.Advance(TimeSpan.FromSeconds(6));
        repeating.Cancel();
        runtime.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal([1.0, 3.0, 5.0], times);
    }

    [Fact]
    public void RunUntil_stops_time_when_the_condition_first_holds()
    {
        var runtime = new DeterministicRuntime(1);
        bool done = false;
        runtime.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(4), () => done = true);
        runtime.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(8), () => { });
        Assert.True(runtime.RunUntil(() => done, TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(4), runtime.Elapsed);
        Assert.False(runtime.RunUntil(() => false, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(6), runtime.Elapsed);
    }

    [Fact]
    public void A_message_loop_that_never_ends_is_reported_with_the_seed()
    {
        var runtime = new DeterministicRuntime(77) { MaxStepsPerRun = 1_000 };
        var system = ActorSystem.Create("loop", ActorSystemSettings.Default, ActorSystemSetup.Deterministic(runtime));
        var trace = new List<string>();
        var ring = new IActorRef[2];
        ring[0] = system.ActorOf(Props.Create(() => new Relay(trace, ring, 0)));
        ring[1] = system.ActorOf(Props.Create(() => new Relay(trace, ring, 1)));
        ring[0].Tell(new Hop("x", int.MaxValue), ActorRefs.NoSender);
        var error = Assert.Throws<InvalidOperationException>(() => runtime.RunUntilIdle());
        Assert.Contains("seed 77", error.Message);
    }

    [Fact]
    public void Time_cannot_go_backwards()
    {
        var runtime = new DeterministicRuntime(1);
        runtime.Advance(TimeSpan.FromSeconds(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => runtime.AdvanceTo(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => runtime.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Posted_actions_run_as_steps()
    {
        var runtime = new DeterministicRuntime(3);
        var ran = new List<int>();
        for (int i = 0; i < 10; i++)
        {
            int n = i;
            runtime.Post(() => ran.Add(n));
        }
        Assert.Equal(10, runtime.RunUntilIdle());
        Assert.Equal(Enumerable.Range(0, 10), ran.Order());
        Assert.True(runtime.IsIdle);
    }
}
