using ZabActors.Actors;
using static ZabActors.Persistence.Journal.JournalProtocol;
using static ZabActors.Persistence.Snapshot.SnapshotProtocol;

namespace ZabActors.Persistence;

/// <summary>
/// An event-sourced actor shaped after Akka.Persistence's <c>ReceivePersistentActor</c>: it owns
/// its state, rebuilds it on start from its snapshot and journal (<c>Recover&lt;T&gt;</c>), and
/// changes it only through events it persists before applying them (<c>Command&lt;T&gt;</c>,
/// <c>Persist</c>, <c>PersistAll</c>).
/// </summary>
/// <remarks>
/// <para>Lifecycle: recovery starts right after the constructor (offer the snapshot, replay the
/// later events, then <see cref="RecoveryCompleted"/>); commands that arrive meanwhile are
/// stashed and handled afterwards in arrival order. <c>Persist</c> and <c>PersistAll</c> stash
/// incoming commands until their handlers ran; <c>PersistAsync</c> does not.</para>
/// <para>All Persist calls of one command go to the journal as one request; each
/// <c>PersistAll</c> is one <see cref="AtomicWrite"/> (stored all or nothing).</para>
/// <para>Failures stop the actor, as in Akka: a journal failure (<see cref="OnPersistFailure"/>),
/// a failed recovery (<see cref="OnRecoveryFailure"/>) and, unlike Akka, a rejected write
/// (<see cref="OnPersistRejected"/>): our journals are gap-free and reject only a write that does
/// not continue the sequence, which means another incarnation writes the same id.</para>
/// <para>The behaviour belongs to the persistence machinery: switch command handlers with
/// <see cref="Become(Action)"/>, not with <c>ActorBase.Become(Receive)</c>.</para>
/// </remarks>
public abstract partial class PersistentActor : ActorBase, IWithStash
{
    private static int instanceCounter;

    private readonly int instanceId = Interlocked.Increment(ref instanceCounter);
    private readonly PersistenceExtension persistence;
    private readonly PersistentActorStash stash;
    private readonly HandlerList recoveryHandlers = new();
    private HandlerList commandHandlers = new();
    private HandlerList? buildingCommands;
    private bool handlersOpen = true;
    private IStash? runtimeStash;
    private Phase phase = Phase.AwaitingStart;
    private string? persistenceId;

    protected PersistentActor()
    {
        if (runtimeStash is null)
            throw new InvalidOperationException(
                $"{GetType().Name} must not implement IWithStash itself; a PersistentActor offers its own Stash");
        stash = new PersistentActorStash(() => runtimeStash!);
        buildingCommands = commandHandlers;
        persistence = Persistence.Instance.Apply(Context.System);
        // Starting by message (not in PreStart) keeps recovery independent of overrides that skip
        // base.PreStart(); whatever reaches the mailbox first is stashed until recovery is done.
        Self.Tell(new StartRecovery(instanceId), Self);
    }

    /// <summary>The id of this actor's journal and snapshots; must stay the same across incarnations.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>How recovery runs; the default is the newest snapshot and every later event.</summary>
    protected virtual Recovery Recovery => Recovery.Default;

    /// <summary>The sequence nr of the last event persisted or replayed; inside a persist handler, that event's.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence nr the next snapshot covers (Akka: the same as <see cref="LastSequenceNr"/>).</summary>
    public long SnapshotSequenceNr => LastSequenceNr;

    public bool IsRecovering => phase is Phase.AwaitingStart or Phase.LoadingSnapshot or Phase.Replaying;

    public bool IsRecoveryFinished => phase == Phase.Processing;

    /// <summary>Commands put aside until recovery or a persist completes (for tests; readable from any thread).</summary>
    internal int InternallyStashedCount => stash.InternalCount;

    /// <summary>The actor's own stash, kept apart from the commands the persistence machinery puts aside.</summary>
    protected IStash Stash => stash;

    IStash IWithStash.Stash
    {
        get => runtimeStash!;
        set => runtimeStash = value;
    }

    /// <summary>The event serializers of this actor's system.</summary>
    protected Serialization.EventSerialization Serialization => persistence.Serialization;

    /// <summary>Handles commands of type <typeparamref name="T"/> (that satisfy <paramref name="shouldHandle"/>).</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => BuildingCommands().Add(handler, shouldHandle);

    /// <summary>Handles commands of type <typeparamref name="T"/>; returning false passes the command to later handlers.</summary>
    protected void Command<T>(Func<T, bool> handler) => BuildingCommands().Add(handler);

    /// <summary>Handles every command no earlier handler took.</summary>
    protected void CommandAny(Action<object> handler) => BuildingCommands().Add(handler, null);

    /// <summary>Handles replayed events, the <see cref="SnapshotOffer"/> and <see cref="RecoveryCompleted"/> of type <typeparamref name="T"/>.</summary>
    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        if (!handlersOpen)
            throw new InvalidOperationException("Recover handlers can only be registered in the constructor");
        recoveryHandlers.Add(handler, shouldHandle);
    }

    protected void RecoverAny(Action<object> handler) => Recover(handler);

    /// <summary>Replaces the command handlers with those <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = buildingCommands;
        var handlers = new HandlerList();
        buildingCommands = handlers;
        try
        {
            configure();
        }
        finally
        {
            buildingCommands = previous;
        }
        commandHandlers = handlers;
    }

    /// <summary>Not available: a persistent actor's behaviour belongs to the persistence machinery.</summary>
    [Obsolete("Switch command handlers with Become(Action); the persistent actor's behaviour drives recovery and persisting.", error: true)]
    protected new void Become(Receive receive) =>
        throw new NotSupportedException("use Become(Action) to switch a persistent actor's command handlers");

    protected sealed override bool Receive(object message) => phase switch
    {
        Phase.AwaitingStart => AwaitStart(message),
        Phase.LoadingSnapshot => LoadingSnapshot(message),
        Phase.Replaying => Replaying(message),
        Phase.Processing => Processing(message),
        _ => true, // stopping after a failure: the rest of the mailbox goes nowhere
    };

    private HandlerList BuildingCommands() => buildingCommands ?? throw new InvalidOperationException(
        "Command handlers can only be registered in the constructor or inside Become(() => ...)");

    private bool AwaitStart(object message)
    {
        if (message is StartRecovery start && start.ActorInstanceId == instanceId)
            BeginRecovery();
        else
            StashUnlessProtocol(message);
        return true;
    }

    private bool Processing(object message)
    {
        switch (message)
        {
            case WriteMessageSuccess success when success.ActorInstanceId == instanceId:
                OnWriteSuccess(success);
                return true;
            case WriteMessageRejected rejected when rejected.ActorInstanceId == instanceId:
                OnWriteRejected(rejected);
                return true;
            case WriteMessageFailure failure when failure.ActorInstanceId == instanceId:
                OnWriteFailure(failure);
                return true;
            case TruncateResult truncate when truncate.ActorInstanceId == instanceId:
                OnTruncateResult(truncate);
                return true;
        }
        if (ProtocolInstanceOf(message) is not null)
            return true; // a reply meant for an earlier incarnation
        if (pendingStashingInvocations > 0)
        {
            stash.StashInternally();
            return true;
        }
        return HandleCommand(message);
    }

    private bool HandleCommand(object message)
    {
        bool handled;
        try
        {
            handled = commandHandlers.TryHandle(message);
        }
        catch
        {
            DiscardUnsentEvents();
            throw;
        }
        FlushBatch();
        return handled;
    }

    /// <summary>Puts a command aside; drops protocol messages of earlier incarnations.</summary>
    private void StashUnlessProtocol(object message)
    {
        if (ProtocolInstanceOf(message) is null)
            stash.StashInternally();
    }

    private static int? ProtocolInstanceOf(object message) => message switch
    {
        StartRecovery m => m.ActorInstanceId,
        LoadSnapshotResult m => m.ActorInstanceId,
        LoadSnapshotFailed m => m.ActorInstanceId,
        ReplayedMessage m => m.ActorInstanceId,
        RecoverySuccess m => m.ActorInstanceId,
        ReplayMessagesFailure m => m.ActorInstanceId,
        WriteMessageSuccess m => m.ActorInstanceId,
        WriteMessageRejected m => m.ActorInstanceId,
        WriteMessageFailure m => m.ActorInstanceId,
        TruncateResult m => m.ActorInstanceId,
        _ => null,
    };

    private enum Phase
    {
        AwaitingStart,
        LoadingSnapshot,
        Replaying,
        Processing,
        Stopped,
    }

    /// <summary>Sent to itself by a new incarnation; recovery begins when it is processed.</summary>
    private sealed record StartRecovery(int ActorInstanceId);
}
