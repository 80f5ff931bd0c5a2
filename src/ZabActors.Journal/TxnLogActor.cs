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
/// A batch of transactions is one <c>PersistAllAsync</c>: one atomic journal write. Appends pipeline: while one
/// is being written the next ones are accepted, and Akka hands the journal everything that queued up meanwhile
/// in one write call (Akka.Persistence.Sql commits it in one transaction), a group commit across requests.
/// Every other request first waits until no append is in flight and then writes with <c>Persist</c>, which holds
/// further commands back until it is confirmed. State changes only in the handlers of confirmed writes, so memory
/// is always exactly what recovery would read back.
/// </remarks>
public sealed partial class TxnLogActor : ReceivePersistentActor
{
    private readonly TxnLogSettings settings;
    private readonly IActorRef listener;
    private TxnLogState state = TxnLogState.Empty;

    /// <summary>The non-append request whose write is in flight, answered with <see cref="StorageFailed"/> if the write fails.</summary>
    private Pending? pending;

    /// <summary>Append batches written but not yet confirmed, oldest first; at most max-appends-in-flight.</summary>
    private readonly List<AppendInFlight> appends = [];

    /// <summary>True while commands wait in the stash for the appends in flight.</summary>
    private bool draining;

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

    /// <summary>A non-append request whose write is in flight: who gets the reply, and how a failure names it.</summary>
    private sealed record Pending(IActorRef ReplyTo, string Operation);

    /// <summary>An append batch written but not yet confirmed: its zxid range, who gets the reply, how a failure names it.</summary>
    private sealed record AppendInFlight(Zxid First, Zxid Last, IActorRef ReplyTo, string Operation);

    /// <summary>The behaviour between requests: appends are taken at once, everything else once no append is in flight.</summary>
    private void Ready()
    {
        Command<AppendTxns>(append =>
        {
            if (appends.Count >= settings.MaxAppendsInFlight)
            {
                WhenDrained(() => Append(append));
                return;
            }
            Append(append);
        });
        Command<SaveEpochs>(save => WhenDrained(() => SaveEpochs(save)));
        Command<TruncateLog>(truncate => WhenDrained(() => Truncate(truncate)));
        Command<InstallSnapshot>(install => WhenDrained(() => Install(install)));
        Command<TxnLogProtocol.SaveSnapshot>(save => WhenDrained(() => TakeSnapshot(save)));
        Command<TxnLogProtocol.ReadDisk>(_ => WhenDrained(() => Sender.Tell(DiskRead())));
        Command<TxnLogProtocol.ReadTxns>(read => WhenDrained(() =>
            Sender.Tell(new TxnLogProtocol.TxnsRead(read.After, state.TxnsAfter(read.After), read.After >= state.SnapshotZxid))));
    }

    /// <summary>Back to <see cref="Ready"/> with the commands that waited meanwhile, in their order.</summary>
    private void BecomeReady()
    {
        draining = false;
        Become(Ready);
        Stash.UnstashAll();
    }

    /// <summary>
    /// Runs a non-append request now if no append is in flight; otherwise stashes it and every later command until
    /// the appends are confirmed, so requests keep their order.
    /// </summary>
    private void WhenDrained(Action handle)
    {
        if (appends.Count == 0)
        {
            handle();
            return;
        }
        Stash.Stash();
        draining = true;
        Become(() => CommandAny(_ => Stash.Stash()));
    }

    private TxnLogProtocol.DiskRead DiskRead() =>
        new(state.AcceptedEpoch, state.CurrentEpoch, state.LastZxid, state.Snapshot, [.. state.Txns]);

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
        Persist(new LogTruncated(after, state.PurgedToSequenceNr), evt =>
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
