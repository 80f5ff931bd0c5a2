namespace ZabActors.Actors;

/// <summary>
/// Put aside the current message to process it later, e.g. while waiting for a reply. The stash is
/// bounded (<c>zab.actor.stash-capacity</c>): stashing beyond it fails the actor with
/// <see cref="StashOverflowException"/>. Unstashed messages go before anything still in the mailbox.
/// </summary>
public interface IStash
{
    int Count { get; }

    int Capacity { get; }

    bool IsEmpty { get; }

    bool IsFull { get; }

    /// <summary>Stashes the message being processed.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the head of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the head of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Unstashes the messages matching <paramref name="predicate"/>; the others stay stashed.</summary>
    void UnstashAll(Func<object, bool> predicate);

    /// <summary>Empties the stash and returns what was in it.</summary>
    IReadOnlyList<object> ClearStash();
}

/// <summary>Implemented by actors that stash; the runtime sets <see cref="Stash"/> before the constructor body runs.</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}
