using Microsoft.Extensions.Logging;
using ZabActors.Hocon;
using ZabActors.Persistence.Zab;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Storage;

/// <summary>
/// A node's durable peer storage: the <see cref="JournalPeerStorage"/> of the configured journal and
/// snapshot store (SQLite under <c>zab.data-dir</c> by default), seen through the Quorum layer's
/// <see cref="IPeerStorage"/> seam. After every saved snapshot it purges what the retained snapshots
/// no longer need, as ZooKeeper's autopurge does. Disposing closes the plugins.
/// </summary>
public sealed class NodePeerStorage : IPeerStorage, IDisposable
{
    private readonly PurgingSnapshotStore snapshots;

    private NodePeerStorage(JournalPeerStorage storage, ILogger log)
    {
        Journal = storage;
        snapshots = new PurgingSnapshotStore(storage, log);
    }

    /// <summary>The journal-backed storage underneath.</summary>
    public JournalPeerStorage Journal { get; }

    public ITxnLog Log => Journal.Log;

    public IEpochStore Epochs => Journal.Epochs;

    public ISnapshotStore Snapshots => snapshots;

    /// <summary>
    /// Opens and verifies the storage of server <paramref name="myId"/> in <paramref name="dataDirectory"/>;
    /// throws <see cref="PeerStorageOpenException"/> naming the cause when it cannot.
    /// </summary>
    public static NodePeerStorage Open(Config config, string dataDirectory, long myId, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var storage = JournalPeerStorage.Open(config, dataDirectory, $"zab-server-{myId}", loggerFactory);
        return new NodePeerStorage(storage, loggerFactory.CreateLogger<NodePeerStorage>());
    }

    public void Dispose() => Journal.Dispose();

    /// <summary>Saves through the journal-backed store, then purges snapshots and log entries beyond the retained ones.</summary>
    private sealed class PurgingSnapshotStore(JournalPeerStorage storage, ILogger log) : ISnapshotStore
    {
        public void Save(Snapshot snapshot)
        {
            storage.Snapshots.Save(snapshot);
            try
            {
                storage.Purge();
            }
            catch (PeerStorageException e)
            {
                // The snapshot is durable; a failed purge only leaves more on disk than needed.
                log.LogWarning("purging after snapshot {Zxid} failed: {Reason}", snapshot.Zxid, e.Message);
            }
        }

        public Snapshot? LoadLatest() => storage.Snapshots.LoadLatest();
    }
}
