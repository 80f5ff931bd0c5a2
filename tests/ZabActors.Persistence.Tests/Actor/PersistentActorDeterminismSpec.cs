using ZabActors.Actors;
using ZabActors.Hocon;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Snapshot;
using static ZabActors.Persistence.Tests.Actor.ListProtocol;

namespace ZabActors.Persistence.Tests.Actor;

/// <summary>
/// Under the deterministic runtime the memory plugins complete synchronously, so recovery and
/// persists of several actors interleave only as the seed says: the same seed replays the same run.
/// </summary>
public sealed class PersistentActorDeterminismSpec
{
    [Fact]
    public void The_same_seed_gives_the_same_interleaving_of_recoveries_and_persists()
    {
        var first = Run(seed: 99);
        var second = Run(seed: 99);
        Assert.Equal(first.Trace, second.Trace);
        Assert.Equal(first.Steps, second.Steps);
        Assert.Contains("p2: Recovered { Items = p2-0,p2-1,p2-2, LastSequenceNr = 3, SnapshotSequenceNr = , ReplayedEvents = 3 }", first.Trace);
    }

    [Fact]
    public void Persistence_from_configuration_uses_the_memory_plugins_under_the_deterministic_runtime()
    {
        var runtime = new DeterministicRuntime(seed: 3);
        using var system = ActorSystem.Create("config", ConfigurationFactory.ParseString("""
            zab.persistence.journal.plugin = "zab.persistence.journal.memory"
            zab.persistence.snapshot-store.plugin = "zab.persistence.snapshot-store.memory"
            """), ActorSystemSetup.Deterministic(runtime));
        var persistence = Persistence.Instance.Apply(system);
        Assert.IsType<MemoryJournal>(persistence.JournalPlugin);
        Assert.IsType<MemorySnapshotStore>(persistence.SnapshotStorePlugin);
        Assert.Same(persistence, Persistence.Instance.Apply(system));
        Assert.Throws<InvalidOperationException>(() =>
            PersistenceExtension.Install(system, new MemoryJournal(), new MemorySnapshotStore()));
    }

    private static (List<string> Trace, long Steps) Run(ulong seed)
    {
        var runtime = new DeterministicRuntime(seed);
        var trace = new List<string>();
        using var system = ActorSystem.Create("determinism", setup: ActorSystemSetup.Deterministic(runtime));
        var storage = new MemoryJournalStorage();
        PersistenceExtension.Install(system, new MemoryJournal(storage), new MemorySnapshotStore());
        var collector = system.ActorOf(Props.Create(() => new Collector(trace)), "collector");
        var actors = Enumerable.Range(1, 3).Select(n => system.ActorOf(ListActor.Props($"p{n}", collector), $"p{n}-a")).ToList();
        foreach (var (actor, n) in actors.Select((a, i) => (a, i + 1)))
            for (var i = 0; i < 3; i++)
                actor.Tell(new Add($"p{n}-{i}"), collector);
        runtime.RunUntilIdle();
        foreach (var actor in actors)
            system.Stop(actor);
        runtime.RunUntilIdle();
        for (var n = 1; n <= 3; n++)
            system.ActorOf(ListActor.Props($"p{n}", collector), $"p{n}-b").Tell(Get.Instance, collector);
        runtime.RunUntilIdle();
        return (trace, runtime.Steps);
    }

    /// <summary>Writes what arrives, with the sending actor's persistence id, in arrival order.</summary>
    private sealed class Collector : ReceiveActor
    {
        public Collector(List<string> trace) =>
            ReceiveAny(message => trace.Add($"{Sender.Path.Name.Split('-')[0]}: {message}"));
    }
}
