using ZabActors.Actors;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Serialization;
using ZabActors.Persistence.Snapshot;

namespace ZabActors.Persistence;

/// <summary>
/// The persistence of one actor system (Akka's <c>PersistenceExtension</c>): it owns the journal
/// and snapshot store plugins, the system actors that run them, and the event serializers every
/// persistent actor of the system uses. Get it with <c>Persistence.Instance.Apply(system)</c>.
/// </summary>
/// <remarks>
/// By default the plugins are the ones <c>zab.persistence.journal.plugin</c> and
/// <c>zab.persistence.snapshot-store.plugin</c> name in the system's configuration
/// (<see cref="PersistencePlugins"/>); they are closed when the system terminates. Tests and the
/// simulation may install plugin instances of their own with <see cref="Install"/> before the
/// first persistent actor starts; those stay open, since their owner may reuse them.
/// </remarks>
public sealed class PersistenceExtension
{
    private PersistenceExtension(ActorSystem system, IAsyncWriteJournal journal, ISnapshotStore snapshotStore, bool ownsPlugins)
    {
        System = system;
        JournalPlugin = journal;
        SnapshotStorePlugin = snapshotStore;
        Journal = system.SystemActorOf(JournalActor.Props(journal, ownsPlugins), "persistence-journal");
        SnapshotStore = system.SystemActorOf(SnapshotStoreActor.Props(snapshotStore, ownsPlugins), "persistence-snapshot-store");
    }

    public ActorSystem System { get; }

    /// <summary>The actor every persistent actor of the system sends its journal requests to.</summary>
    public IActorRef Journal { get; }

    /// <summary>The actor every persistent actor of the system sends its snapshot requests to.</summary>
    public IActorRef SnapshotStore { get; }

    public IAsyncWriteJournal JournalPlugin { get; }

    public ISnapshotStore SnapshotStorePlugin { get; }

    /// <summary>Event and snapshot serializers; register application types before their actors persist.</summary>
    public EventSerialization Serialization { get; } = new();

    /// <summary>
    /// Installs <paramref name="journal"/> and <paramref name="snapshotStore"/> as the system's
    /// plugins; the caller keeps them (they are not closed with the system). Fails when the
    /// system's persistence is already running.
    /// </summary>
    public static PersistenceExtension Install(ActorSystem system, IAsyncWriteJournal journal, ISnapshotStore snapshotStore)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshotStore);
        var holder = system.GetOrAddExtension(_ => new Holder());
        var created = false;
        var extension = holder.GetOrCreate(() =>
        {
            created = true;
            return new PersistenceExtension(system, journal, snapshotStore, ownsPlugins: false);
        });
        if (!created)
            throw new InvalidOperationException(
                $"persistence of actor system '{system.Name}' is already running; install plugins before the first persistent actor starts");
        return extension;
    }

    internal static PersistenceExtension Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(_ => new Holder()).GetOrCreate(() => FromConfig(system));
    }

    private static PersistenceExtension FromConfig(ActorSystem system)
    {
        var config = system.Settings.Config;
        var journal = PersistencePlugins.CreateJournal(config, system.LoggerFactory);
        ISnapshotStore snapshotStore;
        try
        {
            snapshotStore = PersistencePlugins.CreateSnapshotStore(config, system.LoggerFactory);
        }
        catch
        {
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return new PersistenceExtension(system, journal, snapshotStore, ownsPlugins: true);
    }

    /// <summary>
    /// What the system's extension table holds. Its table may call a factory twice under a race;
    /// the holder is cheap, and the extension inside is created exactly once, so no plugin file
    /// is ever opened twice.
    /// </summary>
    private sealed class Holder
    {
        private readonly object gate = new();
        private PersistenceExtension? extension;

        public PersistenceExtension GetOrCreate(Func<PersistenceExtension> create)
        {
            lock (gate)
                return extension ??= create();
        }
    }
}
