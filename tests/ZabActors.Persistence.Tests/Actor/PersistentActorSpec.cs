using ZabActors.Actors;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Tests.Support;
using static ZabActors.Persistence.Tests.Actor.ListProtocol;

namespace ZabActors.Persistence.Tests.Actor;

using ZabActors.TestKit;

/// <summary>
/// The PersistentActor rules (after Akka.Persistence's PersistentActorSpec), run once under the
/// deterministic runtime and once on the thread pool: recovery, stashing, batching, failures,
/// deletes, truncation and snapshots, against the memory plugins with their fault hooks.
/// </summary>
public abstract class PersistentActorSpec : TestKit
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    protected PersistentActorSpec(TestKitOptions options) : base(options)
    {
        Journal = new MemoryJournal(JournalStorage);
        Recording = new RecordingJournal(Journal);
        Snapshots = new MemorySnapshotStore();
        GatedSnapshots = new GatedSnapshotStore(Snapshots);
        PersistenceExtension.Install(Sys, Recording, GatedSnapshots);
    }

    protected MemoryJournalStorage JournalStorage { get; } = new();

    protected MemoryJournal Journal { get; }

    protected RecordingJournal Recording { get; }

    protected MemorySnapshotStore Snapshots { get; }

    protected GatedSnapshotStore GatedSnapshots { get; }

    private int incarnations;

    protected IActorRef Start(string persistenceId, Recovery? recovery = null, Action<ListActor>? created = null) =>
        ActorOf(ListActor.Props(persistenceId, TestActor, recovery, created), $"{persistenceId}-{++incarnations}");

    /// <summary>Starts the actor and waits for its recovery to finish.</summary>
    protected IActorRef Recovered(string persistenceId, string items = "", long lastSequenceNr = 0)
    {
        var actor = Start(persistenceId);
        var recovered = ExpectMsg<Recovered>();
        Assert.Equal(items, recovered.Items);
        Assert.Equal(lastSequenceNr, recovered.LastSequenceNr);
        return actor;
    }

    protected void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    protected IActorRef WithEvents(string persistenceId, params string[] values)
    {
        var actor = Recovered(persistenceId);
        foreach (var (value, index) in values.Select((v, i) => (v, i)))
        {
            actor.Tell(new Add(value), TestActor);
            ExpectMsg(new Added(value, index + 1));
        }
        return actor;
    }

    [Fact]
    public void PersistentActor_should_recover_its_events_after_a_restart()
    {
        Stop(WithEvents("p", "a", "b", "c"));
        Start("p");
        ExpectMsg(new Recovered("a,b,c", 3, null, 3));
    }

    [Fact]
    public void PersistentActor_should_offer_its_snapshot_then_replay_only_later_events()
    {
        var actor = WithEvents("p", "a", "b");
        actor.Tell(Snap.Instance, TestActor);
        Assert.Equal(2, ExpectMsg<SaveSnapshotSuccess>().Metadata.SequenceNr);
        actor.Tell(new Add("c"), TestActor);
        ExpectMsg(new Added("c", 3));
        Stop(actor);
        Start("p");
        ExpectMsg(new Recovered("a,b,c", 3, 2, 1));
    }

    [Fact]
    public void PersistentActor_should_stash_commands_that_arrive_during_recovery()
    {
        Stop(WithEvents("p", "a", "b"));
        GatedSnapshots.HoldLoads = true;
        ListActor? instance = null;
        var actor = Start("p", created: created => instance = created);
        actor.Tell(new Add("x"), TestActor);
        actor.Tell(Get.Instance, TestActor);
        AwaitCondition(() => instance?.InternallyStashedCount == 2, interval: Poll);
        GatedSnapshots.ReleaseLoads();
        ExpectMsg(new Recovered("a,b", 2, null, 2));
        ExpectMsg(new Added("x", 3));
        ExpectMsg(new State("a,b,x", 3));
    }

    [Fact]
    public void PersistentActor_should_stash_commands_while_a_persist_is_in_flight()
    {
        ListActor? instance = null;
        var actor = Start("p", created: created => instance = created);
        ExpectMsg<Recovered>();
        Journal.HoldWrites = true;
        actor.Tell(new Add("a"), TestActor);
        AwaitCondition(() => Journal.UnflushedCount == 1, interval: Poll);
        actor.Tell(Get.Instance, TestActor);
        actor.Tell(new Add("b"), TestActor);
        AwaitCondition(() => instance!.InternallyStashedCount == 2, interval: Poll);
        Journal.HoldWrites = false;
        Journal.Flush();
        ExpectMsg(new Added("a", 1));
        ExpectMsg(new State("a", 1));
        ExpectMsg(new Added("b", 2));
    }

    [Fact]
    public void PersistAsync_should_not_stash_commands()
    {
        var actor = Recovered("p");
        Journal.HoldWrites = true;
        actor.Tell(new AddAsync("a"), TestActor);
        actor.Tell(Get.Instance, TestActor);
        ExpectMsg(new State("", 0));
        Journal.HoldWrites = false;
        Journal.Flush();
        ExpectMsg(new Added("a", 1));
    }

    [Fact]
    public void PersistAll_should_be_one_atomic_write_and_call_the_handler_per_event()
    {
        var actor = Recovered("p");
        var writesBefore = Recording.WriteCalls.Count;
        actor.Tell(new AddAll(["x", "y", "z"]), TestActor);
        ExpectMsg(new Added("x", 1));
        ExpectMsg(new Added("y", 2));
        ExpectMsg(new Added("z", 3));
        var write = Assert.Single(Recording.WriteCalls.Skip(writesBefore));
        var atomic = Assert.Single(write);
        Assert.Equal(3, atomic.Count);
        Assert.Equal([1L, 2L, 3L], atomic.Payload.Select(r => r.SequenceNr));
    }

    [Fact]
    public void Persist_handler_should_see_the_sender_of_the_command()
    {
        var actor = Recovered("p");
        var client = CreateTestProbe("client");
        actor.Tell(new Add("a"), client.Ref);
        client.ExpectMsg(new Added("a", 1));
    }

    [Fact]
    public void A_journal_failure_should_call_OnPersistFailure_and_stop_the_actor()
    {
        var actor = WithEvents("p", "a");
        Watch(actor);
        Journal.FailNextWrite(new IOException("disk on fire"));
        actor.Tell(new Add("b"), TestActor);
        ExpectMsg(new PersistFailed("b", 2, "disk on fire"));
        ExpectTerminated(actor);
        Start("p");
        ExpectMsg(new Recovered("a", 1, null, 1));
    }

    [Fact]
    public async Task A_rejected_write_should_call_OnPersistRejected_and_stop_the_actor()
    {
        var actor = Recovered("p");
        Watch(actor);
        // Another writer takes sequence nr 1 behind the actor's back.
        var results = await Journal.WriteMessagesAsync([new AtomicWrite(new Persistent("p", 1, "string", "intruder"u8.ToArray()))]);
        Assert.Null(results[0]);
        actor.Tell(new Add("a"), TestActor);
        ExpectMsg(new PersistRejected("a", 1));
        ExpectTerminated(actor);
    }

    [Fact]
    public void A_corrupt_event_should_fail_recovery_and_stop_the_actor()
    {
        Stop(WithEvents("p", "a", "b", "c"));
        JournalStorage.CorruptPayload("p", 2);
        var actor = Start("p");
        Watch(actor);
        var failed = ExpectMsg<RecoveryFailed>();
        Assert.Contains("JournalCorruptedException", failed.Cause);
        Assert.Contains("sequence nr 2", failed.Cause);
        ExpectTerminated(actor);
    }

    [Fact]
    public void A_throwing_recovery_handler_should_fail_recovery_with_the_event()
    {
        Stop(WithEvents("p", "a", ListActor.Poison));
        var actor = Start("p");
        Watch(actor);
        ExpectMsg(new RecoveryFailed("InvalidOperationException: poisoned event", ListActor.Poison));
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task An_event_without_a_serializer_should_fail_recovery()
    {
        var written = await Journal.WriteMessagesAsync([new AtomicWrite(new Persistent("p", 1, "app.unknown", [1, 2]))]);
        Assert.Null(written[0]);
        var actor = Start("p");
        Watch(actor);
        var failed = ExpectMsg<RecoveryFailed>();
        Assert.Contains("EventSerializationException", failed.Cause);
        Assert.Contains("app.unknown", failed.Cause);
        ExpectTerminated(actor);
    }

    [Fact]
    public void DeleteMessages_should_delete_the_prefix_and_keep_the_sequence()
    {
        var actor = WithEvents("p", "a", "b", "c");
        actor.Tell(new Delete(2), TestActor);
        ExpectMsg(new DeleteMessagesSuccess(2));
        actor.Tell(new Delete(9), TestActor);
        Assert.Equal(9, ExpectMsg<DeleteMessagesFailure>().ToSequenceNr);
        Stop(actor);
        Start("p");
        ExpectMsg(new Recovered("c", 3, null, 1));
    }

    [Fact]
    public void TruncateAfter_should_drop_the_suffix_and_continue_after_it()
    {
        var actor = WithEvents("p", "a", "b", "c");
        actor.Tell(new Truncate(1), TestActor);
        actor.Tell(Get.Instance, TestActor);
        ExpectMsg(new TruncateMessagesSuccess(1));
        ExpectMsg(new State("a", 1));
        actor.Tell(new Add("d"), TestActor);
        ExpectMsg(new Added("d", 2));
        Stop(actor);
        Start("p");
        ExpectMsg(new Recovered("a,d", 2, null, 2));
    }

    [Fact]
    public void A_failed_snapshot_save_should_be_reported_to_the_command_handlers()
    {
        var actor = WithEvents("p", "a");
        Snapshots.FailNextSave(new IOException("no space"));
        actor.Tell(Snap.Instance, TestActor);
        var failure = ExpectMsg<SaveSnapshotFailure>();
        Assert.Equal(1, failure.Metadata.SequenceNr);
        Assert.Equal("no space", failure.Cause.Message);
    }

    [Fact]
    public void DeleteSnapshots_should_make_recovery_replay_every_event()
    {
        var actor = WithEvents("p", "a", "b");
        actor.Tell(Snap.Instance, TestActor);
        ExpectMsg<SaveSnapshotSuccess>();
        actor.Tell(DeleteAllSnapshots.Instance, TestActor);
        ExpectMsg<DeleteSnapshotsSuccess>();
        Stop(actor);
        Start("p");
        ExpectMsg(new Recovered("a,b", 2, null, 2));
    }

    [Fact]
    public void Recovery_None_should_start_empty_and_continue_after_the_highest_sequence_nr()
    {
        Stop(WithEvents("p", "a", "b"));
        var actor = Start("p", Recovery.None);
        ExpectMsg(new Recovered("", 2, null, 0));
        actor.Tell(new Add("c"), TestActor);
        ExpectMsg(new Added("c", 3));
    }

    [Fact]
    public void The_actors_own_stash_should_be_kept_apart_from_the_persistence_stash()
    {
        var actor = Recovered("p");
        actor.Tell(new Later("one"), TestActor);
        Journal.HoldWrites = true;
        actor.Tell(new Add("a"), TestActor);
        AwaitCondition(() => Journal.UnflushedCount == 1, interval: Poll);
        actor.Tell(Get.Instance, TestActor);
        Journal.HoldWrites = false;
        Journal.Flush();
        ExpectMsg(new Added("a", 1));
        ExpectMsg(new State("a", 1));
        actor.Tell(Release.Instance, TestActor);
        ExpectMsg(new Later("one"));
    }

    [Fact]
    public async Task Registered_serializers_should_write_and_read_application_events()
    {
        var persistence = Persistence.Instance.Apply(Sys);
        persistence.Serialization.Register(ZabActors.Persistence.Serialization.EventSerializer.Create<Deposited>("bank.deposited",
            deposited => BitConverter.GetBytes(deposited.Amount), bytes => new Deposited(BitConverter.ToInt32(bytes))));
        var account = ActorOf(Account.Props("acct", TestActor), "acct-1");
        account.Tell(new Deposited(5), TestActor);
        account.Tell(new Deposited(7), TestActor);
        ExpectMsg(12);
        Stop(account);
        ActorOf(Account.Props("acct", TestActor), "acct-2").Tell("balance", TestActor);
        ExpectMsg(12);
        var stored = new List<Persistent>();
        await Journal.ReplayMessagesAsync("acct", 1, long.MaxValue, long.MaxValue, stored.Add);
        Assert.All(stored, record => Assert.Equal("bank.deposited", record.Manifest));
    }
}

/// <summary>The spec under the deterministic runtime: every step is driven by the test thread.</summary>
public sealed class PersistentActorSpecOnVirtualTime() : PersistentActorSpec(TestKitOptions.VirtualTime(seed: 17))
{
    [Fact]
    public void Recovery_and_persists_complete_without_time_passing()
    {
        Stop(WithEvents("p", "a", "b"));
        var elapsed = Runtime.Elapsed;
        var actor = Start("p");
        actor.Tell(new Add("c"), TestActor);
        Runtime.RunUntilIdle();
        Assert.Equal(elapsed, Runtime.Elapsed);
        ExpectMsg(new Recovered("a,b", 2, null, 2));
        ExpectMsg(new Added("c", 3));
    }
}

/// <summary>The spec on the thread pool, with real time.</summary>
public sealed class PersistentActorSpecOnThreadPool() : PersistentActorSpec(TestKitOptions.Default);
