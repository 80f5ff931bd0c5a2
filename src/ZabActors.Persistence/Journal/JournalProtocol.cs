using ZabActors.Actors;

namespace ZabActors.Persistence.Journal;

/// <summary>
/// The messages between persistent actors and the <see cref="JournalActor"/> (Akka's
/// <c>JournalProtocol</c>). Every request names the actor instance that sent it, so replies that
/// reach a restarted incarnation of the same actor are recognised as stale and dropped.
/// </summary>
internal static class JournalProtocol
{
    /// <summary>
    /// The batch of one command: each AtomicWrite is one Persist or PersistAll call. The journal
    /// answers each record with the sender of the command that persisted it (one per write), so
    /// <c>Sender</c> inside a persist handler is that command's sender, as in Akka.
    /// </summary>
    public sealed record WriteMessages(IReadOnlyList<AtomicWrite> Writes, IReadOnlyList<IActorRef> Senders, IActorRef PersistentActor,
        int ActorInstanceId);

    public sealed record WriteMessageSuccess(Persistent Persistent, int ActorInstanceId);

    /// <summary>The journal refused the record (its AtomicWrite did not continue the sequence); nothing of it was stored.</summary>
    public sealed record WriteMessageRejected(Persistent Persistent, Exception Cause, int ActorInstanceId);

    /// <summary>The journal failed; the record may or may not be stored.</summary>
    public sealed record WriteMessageFailure(Persistent Persistent, Exception Cause, int ActorInstanceId);

    /// <summary>Replays records From..To (at most Max); the journal first reads the highest sequence nr.</summary>
    public sealed record ReplayMessages(long From, long To, long Max, string PersistenceId, IActorRef PersistentActor, int ActorInstanceId);

    public sealed record ReplayedMessage(Persistent Persistent, int ActorInstanceId);

    /// <summary>Ends a replay: every record up to <see cref="HighestSequenceNr"/> that was asked for has been sent.</summary>
    public sealed record RecoverySuccess(long HighestSequenceNr, int ActorInstanceId);

    public sealed record ReplayMessagesFailure(Exception Cause, int ActorInstanceId);

    /// <summary>Replied with <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    public sealed record DeleteMessagesTo(string PersistenceId, long ToSequenceNr, IActorRef PersistentActor);

    /// <summary>Our addition (ZAB's TRUNC); replied with <see cref="TruncateMessagesSuccess"/> or <see cref="TruncateMessagesFailure"/>.</summary>
    public sealed record TruncateMessagesAfter(string PersistenceId, long SequenceNr, IActorRef PersistentActor, int ActorInstanceId,
        IActorRef Sender);

    /// <summary>The outcome of a truncate, addressed to the instance that asked.</summary>
    public sealed record TruncateResult(object Reply, int ActorInstanceId);
}
