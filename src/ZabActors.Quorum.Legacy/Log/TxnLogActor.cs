using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// Owns the peer's storage while the peer runs (one per peer): it carries out the storage operations
/// the role actors hand it, strictly in arrival order, and confirms each to its requester only once
/// durable. Appends are group-committed as ZooKeeper's SyncRequestProcessor batches while the previous
/// fsync is in flight: the first append after a flush asks for the next flush by a message to itself,
/// which lands behind everything already queued, so every append that arrived meanwhile (however many
/// dispatcher turns it takes to read them) goes into that one flush. Any other operation first flushes
/// the appends before it. Its flushes block, so it runs on a dispatcher of its own (zab.txn-log.dispatcher).
/// Snapshots and purging: TxnLogActor.Snapshots.cs.
/// </summary>
internal sealed partial class TxnLogActor : ReceiveActor
{
    /// <summary>At most this many appended transactions wait for a flush; reaching it flushes at once.</summary>
    internal const int MaxUnflushedTxns = 8192;

    private readonly IPeerStorage storage;
    private readonly PeerProgress progress;
    private readonly int committedLogSize;
    private readonly List<(IActorRef Requester, Zxid Last)> unflushed = [];
    private int unflushedTxns;
    private bool flushRequested;

    public TxnLogActor(IPeerStorage storage, PeerProgress progress, int committedLogSize, int snapshotRetainCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotRetainCount, 1);
        this.storage = storage;
        this.progress = progress;
        this.committedLogSize = committedLogSize;
        this.snapshotRetainCount = snapshotRetainCount;
        Receive<StorageRequest>(request => Carry(request.Op, Sender));
        Receive<FlushNow>(_ =>
        {
            flushRequested = false;
            Flush();
        });
        Receive<ReadDisk>(request => Read(request, Sender));
        Receive<SaveSnapshot>(save => Snapshot(save.Snapshot));
    }

    /// <summary>The actor on the default dispatcher; the peer root puts it on zab.txn-log.dispatcher.</summary>
    public static Props Props(IPeerStorage storage, PeerProgress progress, int committedLogSize,
        int snapshotRetainCount = QuorumPeerSettings.DefaultSnapshotRetainCount) =>
        Actors.Props.Create(() => new TxnLogActor(storage, progress, committedLogSize, snapshotRetainCount));

    private void Carry(StorageOp op, IActorRef requester)
    {
        if (op is AppendTxns append)
        {
            Append(append, requester);
            return;
        }
        Flush();
        try
        {
            switch (op)
            {
                case TruncateLog truncate:
                    DeleteSnapshotsAfter(truncate.After);
                    storage.Log.TruncateAfter(truncate.After);
                    progress.LastLoggedZxid = storage.Log.LastZxid;
                    break;
                case SaveEpochs save:
                    storage.Epochs.Save(save.AcceptedEpoch, save.CurrentEpoch);
                    progress.AcceptedEpoch = storage.Epochs.AcceptedEpoch;
                    progress.CurrentEpoch = storage.Epochs.CurrentEpoch;
                    requester.Tell(new EpochsDurable(save.AcceptedEpoch, save.CurrentEpoch), Self);
                    break;
                case InstallSnapshot install:
                    Install(install.Snapshot, requester);
                    break;
                default:
                    throw new ArgumentException($"unknown storage operation {op}", nameof(op));
            }
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            Fail(requester, $"{op.GetType().Name} failed: {e.Message}", e);
        }
    }

    private void Append(AppendTxns append, IActorRef requester)
    {
        try
        {
            foreach (var txn in append.Txns)
            {
                storage.Log.Append(txn);
            }
        }
        catch (Exception e)
        {
            Fail(requester, $"append failed: {e.Message}", e);
            return;
        }
        unflushed.Add((requester, append.Last));
        unflushedTxns += append.Txns.Length;
        if (unflushedTxns >= MaxUnflushedTxns)
        {
            Flush();
        }
        else if (!flushRequested)
        {
            flushRequested = true;
            Self.Tell(FlushNow.Instance, Self);
        }
    }

    /// <summary>One flush for every append since the last one; each requester hears once, with its last zxid.</summary>
    private void Flush()
    {
        if (unflushed.Count == 0)
        {
            return;
        }
        var batch = unflushed.ToList();
        unflushed.Clear();
        unflushedTxns = 0;
        try
        {
            storage.Log.Flush();
        }
        catch (Exception e)
        {
            foreach (var requester in batch.Select(entry => entry.Requester).Distinct())
            {
                Fail(requester, $"flush failed: {e.Message}", e);
            }
            return;
        }
        progress.LastLoggedZxid = batch[^1].Last;
        foreach (var group in batch.GroupBy(entry => entry.Requester))
        {
            group.Key.Tell(new LogDurable(group.Max(entry => entry.Last)), Self);
        }
    }

    private void Fail(IActorRef requester, string reason, Exception e)
    {
        Log.LogError(e, "storage failed: {Reason}", reason);
        requester.Tell(new StorageFailed(reason), Self);
    }
}
