using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Persistence.Snapshot;
using ZabActors.Zab;
using SnapshotPlugin = ZabActors.Persistence.Snapshot.ISnapshotStore;
using ZabSnapshot = ZabActors.Zab.Snapshot;
using ZabSnapshotStore = ZabActors.Zab.ISnapshotStore;

namespace ZabActors.Persistence.Zab;

/// <summary>
/// A ZAB peer's state-machine snapshots (ZooKeeper's <c>FileSnap</c>) on a snapshot store plugin:
/// it owns one persistence id, under which each snapshot is stored with its zxid as sequence nr.
/// </summary>
/// <remarks>
/// <para><see cref="LoadLatest"/> falls back to the previous snapshot when the newest is corrupt,
/// logging each one it skips, as ZooKeeper's <c>FileSnap.deserialize</c> does. It falls back only
/// to a snapshot the txn log can still bridge (the log must hold every transaction after it); when
/// snapshots exist but none is usable it throws instead of answering "no snapshot", which would
/// rebuild the wrong state.</para>
/// <para>It remembers the zxids of the snapshots it saved or loaded, newest first, so
/// <see cref="JournalPeerStorage.Purge"/> can keep the newest few. Thread-safe.</para>
/// </remarks>
public sealed class JournalSnapshotStore : ZabSnapshotStore
{
    /// <summary>ZooKeeper looks at no more than the 100 newest snapshots when loading.</summary>
    public const int MaxSnapshotsTried = 100;

    private readonly object gate = new();
    private readonly SnapshotPlugin store;
    private readonly TimeSpan timeout;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Func<Zxid, bool> canReplayAfter;
    private readonly SortedSet<long> knownZxids = [];

    /// <param name="canReplayAfter">whether the txn log holds every transaction after a zxid; consulted before falling back to an older snapshot.</param>
    public JournalSnapshotStore(SnapshotPlugin store, string persistenceId, TimeSpan? operationTimeout = null,
        TimeProvider? timeProvider = null, ILogger? logger = null, Func<Zxid, bool>? canReplayAfter = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        this.store = store;
        PersistenceId = persistenceId;
        timeout = operationTimeout ?? PeerStorageSettings.Default.OperationTimeout;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        this.canReplayAfter = canReplayAfter ?? (_ => true);
    }

    public string PersistenceId { get; }

    /// <summary>Zxids of the snapshots this store saved or loaded, newest first.</summary>
    public IReadOnlyList<Zxid> KnownZxids
    {
        get
        {
            lock (gate)
                return [.. knownZxids.Reverse().Select(value => new Zxid(value))];
        }
    }

    /// <summary>Durably writes the snapshot before it returns; a second save at the same zxid replaces the first.</summary>
    public void Save(ZabSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Zxid.Value < 0)
            throw new ArgumentOutOfRangeException(nameof(snapshot), snapshot.Zxid, "a snapshot's zxid is never negative");
        var metadata = new SnapshotMetadata(PersistenceId, snapshot.Zxid.Value, time.GetUtcNow().UtcDateTime);
        var bytes = SnapshotRecord.Encode(snapshot);
        lock (gate)
        {
            Run(() => store.SaveAsync(metadata, bytes), $"saving snapshot {snapshot.Zxid}");
            knownZxids.Add(snapshot.Zxid.Value);
        }
    }

    /// <summary>The newest usable snapshot, or null when none was ever saved.</summary>
    public ZabSnapshot? LoadLatest()
    {
        lock (gate)
        {
            var criteria = SnapshotSelectionCriteria.Latest;
            var skipped = new List<string>();
            for (var tried = 0; tried < MaxSnapshotsTried; tried++)
            {
                var (snapshot, unusable) = TryLoad(criteria);
                if (unusable is null)
                {
                    if (snapshot is null || skipped.Count == 0 || canReplayAfter(snapshot.Zxid))
                        return Found(snapshot, skipped);
                    skipped.Add($"{snapshot.Zxid}: the txn log no longer holds the transactions after it");
                    break; // an older snapshot needs even more of the purged log
                }
                skipped.Add(unusable.Value.Reason);
                logger.LogWarning("Snapshot {Zxid} of {PersistenceId} is unusable ({Reason}); trying the previous one",
                    new Zxid(unusable.Value.SequenceNr), PersistenceId, unusable.Value.Reason);
                if (unusable.Value.SequenceNr == 0)
                    break;
                criteria = new SnapshotSelectionCriteria(unusable.Value.SequenceNr - 1);
            }
            throw new PeerStorageException(
                $"snapshot store '{PersistenceId}': no usable snapshot among those tried ({string.Join("; ", skipped)})");
        }
    }

    /// <summary>Deletes every snapshot older than <paramref name="zxid"/>; durable when this returns.</summary>
    public void DeleteBefore(Zxid zxid)
    {
        if (zxid.Value <= 0)
            return;
        lock (gate)
        {
            Run(() => store.DeleteAsync(PersistenceId, new SnapshotSelectionCriteria(zxid.Value - 1)), $"deleting snapshots before {zxid}");
            knownZxids.RemoveWhere(value => value < zxid.Value);
        }
    }

    /// <summary>
    /// Deletes every snapshot newer than <paramref name="zxid"/> (a SNAP or TRUNC rewound the peer below
    /// them, as ZooKeeper's <c>FileTxnSnapLog.truncateLog</c>); durable when this returns.
    /// </summary>
    public void DeleteAfter(Zxid zxid)
    {
        if (zxid.Value == long.MaxValue)
            return;
        lock (gate)
        {
            var above = new SnapshotSelectionCriteria(long.MaxValue, DateTime.MaxValue, minSequenceNr: Math.Max(0, zxid.Value + 1));
            Run(() => store.DeleteAsync(PersistenceId, above), $"deleting snapshots after {zxid}");
            knownZxids.RemoveWhere(value => value > zxid.Value);
        }
    }

    private ZabSnapshot? Found(ZabSnapshot? snapshot, List<string> skipped)
    {
        if (snapshot is null && skipped.Count > 0)
            throw new PeerStorageException(
                $"snapshot store '{PersistenceId}': every stored snapshot is unusable ({string.Join("; ", skipped)})");
        if (snapshot is not null)
            knownZxids.Add(snapshot.Zxid.Value);
        return snapshot;
    }

    /// <summary>Loads the newest snapshot matching <paramref name="criteria"/>; a damaged one comes back as the reason.</summary>
    private (ZabSnapshot? Snapshot, (long SequenceNr, string Reason)? Unusable) TryLoad(SnapshotSelectionCriteria criteria)
    {
        SelectedSnapshot? selected;
        try
        {
            selected = StorageWait.Result(() => store.LoadAsync(PersistenceId, criteria), timeout, "loading a snapshot");
        }
        catch (SnapshotCorruptedException e)
        {
            return (null, (e.SequenceNr, e.Message));
        }
        catch (Exception e)
        {
            throw new PeerStorageException($"snapshot store '{PersistenceId}': loading a snapshot failed: {e.Message}", e);
        }
        if (selected is null)
            return (null, null);
        try
        {
            return (SnapshotRecord.Decode(selected.Snapshot, selected.Metadata.SequenceNr), null);
        }
        catch (InvalidDataException e)
        {
            return (null, (selected.Metadata.SequenceNr, $"snapshot {new Zxid(selected.Metadata.SequenceNr)}: {e.Message}"));
        }
    }

    private void Run(Func<Task> call, string operation)
    {
        try
        {
            StorageWait.Complete(call, timeout, operation);
        }
        catch (Exception e)
        {
            throw new PeerStorageException($"snapshot store '{PersistenceId}': {operation} failed: {e.Message}", e);
        }
    }
}
