using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>
/// A peer's txn log, epoch files and snapshots (ZooKeeper's <c>FileTxnSnapLog</c> plus the epoch files of
/// <c>QuorumPeer</c>) as one Akka.Persistence actor under persistence id <c>{prefix}-{serverId}</c>. It owns
/// the <see cref="TxnLogState"/> recovered from the journal and snapshot store, carries out the core's
/// <see cref="StorageOp"/>s and answers each only once it is durable. It decides nothing about the protocol.
/// </summary>
/// <remarks>
/// Every write goes through <c>Persist</c>/<c>PersistAll</c>, which hold further commands back until the
/// write is confirmed, so the in-memory state is always exactly what recovery would read back. A batch of
/// transactions is one <c>PersistAll</c>: one atomic journal write, one commit.
/// </remarks>
public sealed partial class TxnLogActor : ReceivePersistentActor
{
    private readonly TxnLogSettings settings;
    private readonly IActorRef listener;
    private TxnLogState state = TxnLogState.Empty;

    /// <summary>The request whose write is in flight, answered with <see cref="StorageFailed"/> if the write fails.</summary>
    private Pending? pending;

    public TxnLogActor(long serverId, TxnLogSettings settings, IActorRef? listener)
    {
        this.settings = settings;
        this.listener = listener ?? ActorRefs.Nobody;
        PersistenceId = settings.PersistenceId(serverId);
        Recover<SnapshotOffer>(offer => state = TxnLogState.FromSnapshot((TxnLogSnapshot)offer.Snapshot));
        Recover<ITxnLogRecord>(record => state = state.Apply(record));
        Ready();
    }

    public override string PersistenceId { get; }

    /// <param name="listener">gets <see cref="TxnLogProtocol.RecoveryFailed"/> and <see cref="TxnLogProtocol.WriteFailed"/>; may be null.</param>
    public static Props Props(long serverId, TxnLogSettings settings, IActorRef? listener = null) =>
        Akka.Actor.Props.Create(() => new TxnLogActor(serverId, settings, listener));

    private sealed record Pending(IActorRef ReplyTo, string Operation);

    /// <summary>The behaviour between requests: every command is taken.</summary>
    private void Ready()
    {
        Command<AppendTxns>(Append);
        Command<SaveEpochs>(SaveEpochs);
        Command<TruncateLog>(Truncate);
        Command<InstallSnapshot>(Install);
        Command<TxnLogProtocol.SaveSnapshot>(TakeSnapshot);
        Command<TxnLogProtocol.ReadDisk>(_ => Sender.Tell(DiskRead()));
    }

    /// <summary>Back to <see cref="Ready"/> after a snapshot-store step, with the commands that waited meanwhile.</summary>
    private void BecomeReady()
    {
        Become(Ready);
        Stash.UnstashAll();
    }

    private TxnLogProtocol.DiskRead DiskRead() =>
        new(state.AcceptedEpoch, state.CurrentEpoch, state.LastZxid, state.Snapshot, [.. state.Txns]);

    private void Append(AppendTxns append)
    {
        if (AppendError(append) is { } error)
        {
            Sender.Tell(new StorageFailed($"txn log {PersistenceId}: {error}"));
            return;
        }
        var replyTo = Sender;
        var last = append.Last;
        pending = new Pending(replyTo, $"append of {append.Txns.Length} txn(s) up to {last}");
        PersistAll(append.Txns.Select(txn => new TxnLogged(txn)), logged =>
        {
            state = state.Apply(logged);
            if (logged.Txn.Zxid == last)
            {
                pending = null;
                replyTo.Tell(new LogDurable(last));
            }
        });
    }

    private string? AppendError(AppendTxns append)
    {
        if (append.Txns.IsDefaultOrEmpty)
        {
            return "an append carries no txns";
        }
        if (append.Txns.Length > settings.MaxAppendBatch)
        {
            return $"an append of {append.Txns.Length} txns exceeds max-append-batch {settings.MaxAppendBatch}";
        }
        var previous = state.LastZxid;
        foreach (var txn in append.Txns)
        {
            if (txn.Zxid <= previous || txn.Zxid.Value <= 0)
            {
                return $"append out of order: {txn.Zxid} after {previous}";
            }
            previous = txn.Zxid;
        }
        return null;
    }

    private void SaveEpochs(SaveEpochs save)
    {
        var replyTo = Sender;
        var saved = new EpochsSaved(save.AcceptedEpoch ?? state.AcceptedEpoch, save.CurrentEpoch ?? state.CurrentEpoch);
        pending = new Pending(replyTo, $"epochs {saved.AcceptedEpoch}/{saved.CurrentEpoch}");
        Persist(saved, evt =>
        {
            state = state.Apply(evt);
            pending = null;
            replyTo.Tell(new EpochsDurable(save.AcceptedEpoch, save.CurrentEpoch));
        });
    }

    private void Truncate(TruncateLog truncate)
    {
        var after = truncate.After;
        if (after >= state.LastZxid)
        {
            // Nothing logged above it, and no snapshot lies above the log's end: nothing to write.
            Sender.Tell(new TxnLogProtocol.Truncated(after));
            return;
        }
        if (after < state.SnapshotZxid)
        {
            Rewind(after, Sender);
            return;
        }
        var replyTo = Sender;
        pending = new Pending(replyTo, $"truncation after {after}");
        Persist(new LogTruncated(after), evt =>
        {
            state = state.Apply(evt);
            pending = null;
            replyTo.Tell(new TxnLogProtocol.Truncated(after));
        });
    }

    private void Notify(object message)
    {
        listener.Tell(message);
        Context.System.EventStream.Publish(message);
    }
}
