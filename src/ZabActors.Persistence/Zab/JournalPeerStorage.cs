using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Hocon;
using ZabActors.Persistence.Journal;
using SnapshotPlugin = ZabActors.Persistence.Snapshot.ISnapshotStore;

namespace ZabActors.Persistence.Zab;

/// <summary>
/// Everything a ZAB peer keeps on disk, on the persistence plugins: its txn log, its epochs and
/// its snapshots, under the persistence ids <c>{prefix}-txnlog</c>, <c>{prefix}-epochs</c> and
/// <c>{prefix}-snapshots</c>. It owns the plugins it opened from configuration.
/// </summary>
/// <remarks>
/// <see cref="Open(Config, string?, string, ILoggerFactory?, TimeProvider?)"/> reads back and
/// verifies the whole stored state before it returns, so a peer learns that its storage cannot be
/// opened (unreachable store, wrong schema, corrupt log) before it joins, from one
/// <see cref="PeerStorageOpenException"/> that names the cause.
/// </remarks>
public sealed class JournalPeerStorage : IAsyncDisposable, IDisposable
{
    private readonly bool ownsPlugins;
    private int disposed;

    private JournalPeerStorage(string prefix, IAsyncWriteJournal journal, SnapshotPlugin snapshotStore, bool ownsPlugins,
        PeerStorageSettings settings, JournalTxnLog log, JournalEpochStore epochs, JournalSnapshotStore snapshots)
    {
        PersistenceIdPrefix = prefix;
        Journal = journal;
        SnapshotStore = snapshotStore;
        this.ownsPlugins = ownsPlugins;
        Settings = settings;
        Log = log;
        Epochs = epochs;
        Snapshots = snapshots;
    }

    public string PersistenceIdPrefix { get; }

    public PeerStorageSettings Settings { get; }

    public JournalTxnLog Log { get; }

    public JournalEpochStore Epochs { get; }

    public JournalSnapshotStore Snapshots { get; }

    /// <summary>The journal plugin under the txn log and epochs (e.g. for its group-commit statistics).</summary>
    public IAsyncWriteJournal Journal { get; }

    public SnapshotPlugin SnapshotStore { get; }

    public static string TxnLogPersistenceId(string prefix) => $"{prefix}-txnlog";

    public static string EpochsPersistenceId(string prefix) => $"{prefix}-epochs";

    public static string SnapshotsPersistenceId(string prefix) => $"{prefix}-snapshots";

    /// <summary>
    /// Opens the journal and snapshot store that <paramref name="config"/> chooses
    /// (<c>zab.persistence.journal.plugin</c>, <c>zab.persistence.snapshot-store.plugin</c>), with
    /// their <c>data-dir</c> set to <paramref name="dataDirectory"/> when given, and reads back the
    /// peer's state. Settings come from <c>zab.persistence.peer-storage</c>.
    /// </summary>
    public static JournalPeerStorage Open(Config config, string? dataDirectory, string persistenceIdPrefix,
        ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(persistenceIdPrefix);
        PeerStorageSettings settings;
        try
        {
            config = WithDataDirectory(config, dataDirectory);
            settings = PeerStorageSettings.FromConfig(config);
        }
        catch (ConfigException e)
        {
            throw new PeerStorageOpenException(persistenceIdPrefix, $"bad configuration: {e.Message}", e);
        }
        var journal = OpenPlugin(persistenceIdPrefix, "journal", () => PersistencePlugins.CreateJournal(config, loggerFactory));
        SnapshotPlugin snapshotStore;
        try
        {
            snapshotStore = OpenPlugin(persistenceIdPrefix, "snapshot store", () => PersistencePlugins.CreateSnapshotStore(config, loggerFactory));
        }
        catch
        {
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return Open(journal, snapshotStore, persistenceIdPrefix, settings, loggerFactory, timeProvider, ownsPlugins: true);
    }

    /// <summary>
    /// Opens the peer's state on plugin instances the caller made (the simulation shares a
    /// <see cref="MemoryJournalStorage"/> across restarts this way). With
    /// <paramref name="ownsPlugins"/> the storage closes them when disposed, also when opening fails.
    /// </summary>
    public static JournalPeerStorage Open(IAsyncWriteJournal journal, SnapshotPlugin snapshotStore, string persistenceIdPrefix,
        PeerStorageSettings? settings = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null,
        bool ownsPlugins = false)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshotStore);
        ArgumentException.ThrowIfNullOrWhiteSpace(persistenceIdPrefix);
        settings ??= PeerStorageSettings.Default;
        try
        {
            var log = JournalTxnLog.Open(journal, TxnLogPersistenceId(persistenceIdPrefix), settings.OperationTimeout);
            var epochs = JournalEpochStore.Open(journal, EpochsPersistenceId(persistenceIdPrefix), settings.OperationTimeout);
            var snapshots = new JournalSnapshotStore(snapshotStore, SnapshotsPersistenceId(persistenceIdPrefix), settings.OperationTimeout,
                timeProvider, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<JournalSnapshotStore>(), log.HoldsEverythingAfter);
            return new JournalPeerStorage(persistenceIdPrefix, journal, snapshotStore, ownsPlugins, settings, log, epochs, snapshots);
        }
        catch (Exception e)
        {
            if (ownsPlugins)
                DisposePlugins(journal, snapshotStore);
            throw e is PeerStorageException ? new PeerStorageOpenException(persistenceIdPrefix, e.Message, e) : e;
        }
    }

    /// <summary>
    /// Keeps the <see cref="PeerStorageSettings.SnapshotRetainCount"/> newest snapshots this storage
    /// knows and deletes older snapshots and the transactions before the oldest kept one (as
    /// ZooKeeper's <c>PurgeTxnLog</c>). Does nothing until that many snapshots are known. Call it
    /// after a snapshot is saved; everything it deletes is durable when it returns.
    /// </summary>
    public void Purge()
    {
        var known = Snapshots.KnownZxids;
        if (known.Count < Settings.SnapshotRetainCount)
            return;
        var oldestKept = known[Settings.SnapshotRetainCount - 1];
        Snapshots.DeleteBefore(oldestKept);
        Log.PurgeBefore(oldestKept);
    }

    /// <summary>Closes the plugins if this storage opened them; buffered, unflushed transactions are dropped.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0 && ownsPlugins)
            DisposePlugins(Journal, SnapshotStore);
    }

    /// <summary>Sets <c>data-dir</c> in the chosen journal and snapshot store blocks; plugins without files ignore it.</summary>
    private static Config WithDataDirectory(Config config, string? dataDirectory)
    {
        if (dataDirectory is null)
            return config;
        var merged = config.WithFallback(PersistencePlugins.DefaultConfig);
        var quoted = JsonSerializer.Serialize(dataDirectory);
        var journalPath = merged.GetString(PersistencePlugins.JournalPluginKey);
        var snapshotPath = merged.GetString(PersistencePlugins.SnapshotStorePluginKey);
        var overrides = ConfigurationFactory.ParseString($"{journalPath}.data-dir = {quoted}\n{snapshotPath}.data-dir = {quoted}\n");
        return overrides.WithFallback(config);
    }

    private static T OpenPlugin<T>(string prefix, string kind, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is StoreOpenException or ConfigException or IOException or UnauthorizedAccessException)
        {
            throw new PeerStorageOpenException(prefix, $"cannot open the {kind}: {e.Message}", e);
        }
    }

    private static void DisposePlugins(IAsyncWriteJournal journal, SnapshotPlugin snapshotStore)
    {
        try
        {
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            snapshotStore.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
