using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit;
using Xunit.Abstractions;
using ZabActors.Zab;

namespace ZabActors.Journal.Tests.Support;

/// <summary>
/// A TestKit on one store configuration with helpers to start, stop and question <see cref="TxnLogActor"/>s.
/// Persistence ids carry a per-run prefix so runs against a shared PostgreSQL database never see each other.
/// </summary>
public abstract class TxnLogSpecBase : Akka.TestKit.Xunit2.TestKit
{
    private static int instances;

    protected TxnLogSpecBase(Config storeConfig, ITestOutputHelper output)
        : base(storeConfig.WithFallback(ConfigurationFactory.ParseString("akka.loglevel = INFO")), output: output)
    {
        var run = $"{Environment.ProcessId}-{Environment.TickCount64}-{Interlocked.Increment(ref instances)}";
        Settings = TxnLogSettings.Default with { PersistenceIdPrefix = $"zab-{run}", SnapshotRetainCount = 2 };
    }

    protected TxnLogSettings Settings { get; set; }

    protected static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(10);

    protected IActorRef Start(long serverId = 1, IActorRef? listener = null, ActorSystem? system = null) =>
        (system ?? Sys).ActorOf(TxnLogActor.Props(serverId, Settings, listener));

    protected string PersistenceId(long serverId = 1) => Settings.PersistenceId(serverId);

    protected void StopAndWait(IActorRef actor)
    {
        var probe = CreateTestProbe();
        probe.Watch(actor);
        actor.Tell(PoisonPill.Instance);
        probe.ExpectTerminated(actor, StoreTimeout);
    }

    /// <summary>Sends <paramref name="request"/> from a fresh probe and returns the reply.</summary>
    protected T Call<T>(IActorRef actor, object request, ActorSystem? system = null)
    {
        var probe = CreateTestProbe(system ?? Sys);
        actor.Tell(request, probe.Ref);
        return probe.ExpectMsg<T>(StoreTimeout);
    }

    protected TxnLogProtocol.DiskRead Read(IActorRef actor, ActorSystem? system = null) =>
        Call<TxnLogProtocol.DiskRead>(actor, TxnLogProtocol.ReadDisk.Instance, system);

    protected TxnLogProtocol.DiskRead Recover(long serverId = 1)
    {
        var actor = Start(serverId);
        var disk = Read(actor);
        StopAndWait(actor);
        return disk;
    }

    protected static IEnumerable<Zxid> Zxids(TxnLogProtocol.DiskRead disk) => disk.Txns.Select(txn => txn.Zxid);

    /// <summary>The sequence nrs the journal still replays for <paramref name="persistenceId"/>, read from the journal actor itself.</summary>
    protected List<long> JournalSequenceNrs(string persistenceId)
    {
        var probe = CreateTestProbe();
        var journal = Persistence.Instance.Apply(Sys).JournalFor(null);
        journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, probe.Ref));
        var sequenceNrs = new List<long>();
        while (true)
        {
            var message = probe.ExpectMsg<object>(StoreTimeout);
            if (message is ReplayedMessage replayed)
            {
                sequenceNrs.Add(replayed.Persistent.SequenceNr);
                continue;
            }
            Assert.IsType<RecoverySuccess>(message);
            return sequenceNrs;
        }
    }

    /// <summary>The newest snapshot the store holds at or below <paramref name="maxSequenceNr"/>, read from the snapshot store actor.</summary>
    protected SelectedSnapshot? LoadSnapshot(string persistenceId, long maxSequenceNr)
    {
        var probe = CreateTestProbe();
        var store = Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        store.Tell(new LoadSnapshot(persistenceId, new SnapshotSelectionCriteria(maxSequenceNr), long.MaxValue), probe.Ref);
        return probe.ExpectMsg<LoadSnapshotResult>(StoreTimeout).Snapshot;
    }
}
