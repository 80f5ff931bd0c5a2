using ZabActors.Actors;
using ZabActors.Persistence.Snapshot;

namespace ZabActors.Persistence.Tests.Actor;

/// <summary>The commands and replies of <see cref="ListActor"/>.</summary>
public static class ListProtocol
{
    public sealed record Add(string Value);

    public sealed record AddAll(string[] Values);

    public sealed record AddAsync(string Value);

    public sealed record Get
    {
        public static readonly Get Instance = new();
    }

    public sealed record Snap
    {
        public static readonly Snap Instance = new();
    }

    public sealed record Delete(long ToSequenceNr);

    public sealed record Truncate(long AfterSequenceNr);

    public sealed record DeleteAllSnapshots
    {
        public static readonly DeleteAllSnapshots Instance = new();
    }

    /// <summary>Put aside with the actor's own stash until <see cref="Release"/>.</summary>
    public sealed record Later(string Value);

    public sealed record Release
    {
        public static readonly Release Instance = new();
    }

    public sealed record Added(string Value, long SequenceNr);

    public sealed record State(string Items, long LastSequenceNr);

    public sealed record Recovered(string Items, long LastSequenceNr, long? SnapshotSequenceNr, int ReplayedEvents);

    public sealed record PersistFailed(string Event, long SequenceNr, string Cause);

    public sealed record PersistRejected(string Event, long SequenceNr);

    public sealed record RecoveryFailed(string Cause, string? Event);
}

/// <summary>
/// A persistent list of strings for the PersistentActor specs: it persists each added value,
/// recovers from events and snapshots, and reports what happens to <c>probe</c>.
/// </summary>
public sealed class ListActor : PersistentActor
{
    /// <summary>A replayed event with this value makes the recovery handler throw.</summary>
    public const string Poison = "poison";

    private readonly string id;
    private readonly IActorRef probe;
    private readonly Recovery recovery;
    private readonly List<string> items = [];
    private long? snapshotSequenceNr;
    private int replayed;
    private bool released;

    public ListActor(string persistenceId, IActorRef probe, Recovery? recovery, Action<ListActor>? created)
    {
        id = persistenceId;
        this.probe = probe;
        this.recovery = recovery ?? Recovery.Default;
        Recover<SnapshotOffer>(offer =>
        {
            items.Clear();
            items.AddRange(Split((string)offer.Snapshot));
            snapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<string>(value =>
        {
            if (value == Poison)
                throw new InvalidOperationException("poisoned event");
            items.Add(value);
            replayed++;
        });
        Recover<RecoveryCompleted>(_ => probe.Tell(new ListProtocol.Recovered(Items, LastSequenceNr, snapshotSequenceNr, replayed), Self));
        Command<ListProtocol.Add>(add => Persist(add.Value, Added));
        Command<ListProtocol.AddAll>(add => PersistAll(add.Values, Added));
        Command<ListProtocol.AddAsync>(add => PersistAsync(add.Value, Added));
        Command<ListProtocol.Get>(_ => Sender.Tell(new ListProtocol.State(Items, LastSequenceNr), Self));
        Command<ListProtocol.Snap>(_ => SaveSnapshot(Items));
        Command<ListProtocol.Delete>(delete => DeleteMessages(delete.ToSequenceNr));
        Command<ListProtocol.Truncate>(truncate => TruncateAfter(truncate.AfterSequenceNr));
        Command<TruncateMessagesSuccess>(success =>
        {
            items.RemoveRange((int)success.SequenceNr, items.Count - (int)Math.Min(success.SequenceNr, items.Count));
            Sender.Tell(success, Self);
        });
        Command<ListProtocol.DeleteAllSnapshots>(_ => DeleteSnapshots(SnapshotSelectionCriteria.Latest));
        Command<ListProtocol.Later>(later =>
        {
            if (released)
                probe.Tell(later, Self);
            else
                Stash.Stash();
        });
        Command<ListProtocol.Release>(_ =>
        {
            released = true;
            Stash.UnstashAll();
        });
        CommandAny(message => probe.Tell(message, Self));
        created?.Invoke(this);
    }

    public override string PersistenceId => id;

    protected override Recovery Recovery => recovery;

    private string Items => string.Join(",", items);

    public static Props Props(string persistenceId, IActorRef probe, Recovery? recovery = null, Action<ListActor>? created = null) =>
        Actors.Props.Create(() => new ListActor(persistenceId, probe, recovery, created));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        probe.Tell(new ListProtocol.PersistFailed((string)@event, sequenceNr, cause.Message), Self);

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        probe.Tell(new ListProtocol.PersistRejected((string)@event, sequenceNr), Self);

    protected override void OnRecoveryFailure(Exception reason, object? @event) =>
        probe.Tell(new ListProtocol.RecoveryFailed($"{reason.GetType().Name}: {reason.Message}", @event as string), Self);

    private void Added(string value)
    {
        items.Add(value);
        Sender.Tell(new ListProtocol.Added(value, LastSequenceNr), Self);
    }

    private static IEnumerable<string> Split(string joined) => joined.Length == 0 ? [] : joined.Split(',');
}
