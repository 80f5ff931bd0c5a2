using Microsoft.Extensions.Logging;
using ZabActors.Hocon;
using ZabActors.Persistence.Zab;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Storage;

/// <summary>
/// A node's durable peer storage: the <see cref="JournalPeerStorage"/> of the configured journal and
/// snapshot store (SQLite under <c>zab.data-dir</c> by default), seen through the Quorum layer's
/// <see cref="IPeerStorage"/> seam, with the journal's purge exposed as <see cref="IPurgeableTxnLog"/>
/// and <see cref="IPurgeableSnapshotStore"/>. Retention is the peer's (<c>zab.snapshot-retain-count</c>,
/// carried out by its TxnLogActor); this type never purges on its own. Disposing closes the plugins.
/// </summary>
public sealed class NodePeerStorage : IPeerStorage, IDisposable
{
    private NodePeerStorage(JournalPeerStorage storage, ILogger log)
    {
        Journal = storage;
        Log = new PurgeableLog(storage.Log, log);
        Snapshots = new PurgeableSnapshots(storage.Snapshots, log);
    }

    /// <summary>The journal-backed storage underneath.</summary>
    public JournalPeerStorage Journal { get; }

    public ITxnLog Log { get; }

    public IEpochStore Epochs => Journal.Epochs;

    public ISnapshotStore Snapshots { get; }

    /// <summary>
    /// Opens and verifies the storage of server <paramref name="myId"/> in <paramref name="dataDirectory"/>;
    /// throws <see cref="PeerStorageOpenException"/> naming the cause when it cannot.
    /// </summary>
    public static NodePeerStorage Open(Config config, string dataDirectory, long myId, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var storage = JournalPeerStorage.Open(config, dataDirectory, PersistenceIdPrefix(myId), loggerFactory);
        return new NodePeerStorage(storage, loggerFactory.CreateLogger<NodePeerStorage>());
    }

    /// <summary>The prefix of server <paramref name="myId"/>'s persistence ids.</summary>
    public static string PersistenceIdPrefix(long myId) => $"zab-server-{myId}";

    public void Dispose() => Journal.Dispose();

    /// <summary>
    /// The journal's txn log with its <c>PurgeBefore</c>. Any failed journal call, a purge included,
    /// leaves the log refusing every further operation until the storage is reopened (what is durable
    /// is then unknown), so a failed purge is an error, not a leftover: the peer's next storage
    /// operation fails, its disk read fails with it, and the peer stops with <see cref="PeerStorageFailed"/>.
    /// </summary>
    private sealed class PurgeableLog(JournalTxnLog log, ILogger logger) : ITxnLog, IPurgeableTxnLog
    {
        public Zxid LastZxid => log.LastZxid;

        public void Append(Txn txn) => log.Append(txn);

        public void Flush() => log.Flush();

        public void TruncateAfter(Zxid zxid) => log.TruncateAfter(zxid);

        public IEnumerable<Txn> ReadAfter(Zxid zxid) => log.ReadAfter(zxid);

        public void PurgeBefore(Zxid zxid)
        {
            try
            {
                log.PurgeBefore(zxid);
            }
            catch (Exception e)
            {
                logger.LogError("purging the txn log before {Zxid} failed: {Reason}; the log refuses further work until the storage "
                    + "is reopened, so the peer will stop on its next storage operation", zxid, e.Message);
                throw;
            }
        }
    }

    /// <summary>
    /// The journal's snapshot store with its <c>DeleteBefore</c> (retention) and <c>DeleteAfter</c>
    /// (a SNAP or TRUNC rewinding the peer must not leave its own newer snapshots behind).
    /// </summary>
    private sealed class PurgeableSnapshots(JournalSnapshotStore snapshots, ILogger logger)
        : ISnapshotStore, IPurgeableSnapshotStore, IRewindableSnapshotStore
    {
        public void DeleteAfter(Zxid zxid) => snapshots.DeleteAfter(zxid);

        public void Save(Snapshot snapshot) => snapshots.Save(snapshot);

        public Snapshot? LoadLatest() => snapshots.LoadLatest();

        public void DeleteBefore(Zxid zxid)
        {
            try
            {
                snapshots.DeleteBefore(zxid);
            }
            catch (Exception e)
            {
                // The snapshot store keeps no failure state, but a store that cannot delete is unlikely
                // to hold up for the log's purge that follows; say so at the level it deserves.
                logger.LogError("deleting snapshots before {Zxid} failed: {Reason}", zxid, e.Message);
                throw;
            }
        }
    }
}
