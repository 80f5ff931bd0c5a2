using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// Owns the peer's storage while the peer runs (one per peer): it carries out the storage operations
/// the role actors hand it, strictly in arrival order, and confirms each to its requester only once
/// durable. Appends are group-committed: each append asks for a flush by a message to itself, so every
/// append already queued behind it is flushed with it, as ZooKeeper's SyncRequestProcessor batches
/// while the previous fsync is in flight. Any other operation first flushes the appends before it.
/// </summary>
internal sealed class TxnLogActor : ReceiveActor
{
    private readonly IPeerStorage storage;
    private readonly PeerProgress progress;
    private readonly int committedLogSize;
    private readonly List<(IActorRef Requester, Zxid Last)> unflushed = [];
    private bool flushRequested;

    public TxnLogActor(IPeerStorage storage, PeerProgress progress, int committedLogSize)
    {
        this.storage = storage;
        this.progress = progress;
        this.committedLogSize = committedLogSize;
        Receive<StorageRequest>(request => Carry(request.Op, Sender));
        Receive<FlushNow>(_ =>
        {
            flushRequested = false;
            Flush();
        });
        Receive<ReadDisk>(request => Read(request, Sender));
        Receive<SaveSnapshot>(save => Snapshot(save.Snapshot));
    }

    public static Props Props(IPeerStorage storage, PeerProgress progress, int committedLogSize) =>
        Actors.Props.Create(() => new TxnLogActor(storage, progress, committedLogSize));

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
                    storage.Snapshots.Save(install.Snapshot);
                    storage.Log.TruncateAfter(install.Snapshot.Zxid);
                    progress.LastLoggedZxid = install.Snapshot.Zxid;
                    requester.Tell(new SnapshotInstalled(install.Snapshot), Self);
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
        if (!flushRequested)
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

    private void Snapshot(Snapshot snapshot)
    {
        Flush();
        try
        {
            storage.Snapshots.Save(snapshot);
        }
        catch (Exception e)
        {
            // A missed periodic snapshot costs only a longer recovery; the next one may succeed.
            Log.LogError(e, "saving snapshot {Zxid} failed", snapshot.Zxid);
        }
    }

    private void Read(ReadDisk request, IActorRef requester)
    {
        Flush();
        try
        {
            var snapshot = storage.Snapshots.LoadLatest();
            var snapshotZxid = snapshot?.Zxid ?? Zxid.Zero;
            var applied = request.AtStartup ? snapshotZxid : request.LastAppliedZxid;
            var disk = PeerDisk.Read(storage.Log, storage.Epochs, snapshotZxid, applied, committedLogSize);
            progress.AcceptedEpoch = disk.AcceptedEpoch;
            progress.CurrentEpoch = disk.CurrentEpoch;
            progress.LastLoggedZxid = disk.LastLoggedZxid;
            requester.Tell(new DiskRead(disk, snapshot), Self);
        }
        catch (Exception e)
        {
            Log.LogError(e, "reading the peer's storage failed");
            requester.Tell(new DiskReadFailed(e.Message), Self);
        }
    }

    private void Fail(IActorRef requester, string reason, Exception e)
    {
        Log.LogError(e, "storage failed: {Reason}", reason);
        requester.Tell(new StorageFailed(reason), Self);
    }
}
