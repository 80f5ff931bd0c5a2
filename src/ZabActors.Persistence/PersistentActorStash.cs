using ZabActors.Actors;

namespace ZabActors.Persistence;

/// <summary>
/// Shares the actor's one runtime stash between the persistence machinery (commands put aside
/// during recovery and while persists are in flight) and the actor's own <c>Stash</c>, keeping
/// each side's messages apart.
/// </summary>
/// <remarks>
/// The runtime stash keeps arrival order; this class mirrors it with one owner tag per entry and
/// unstashes one side with <see cref="IStash.UnstashAll(Func{object, bool})"/>, whose predicate
/// sees the entries oldest first, once each. Unstashed messages go to the head of the mailbox in
/// order, so an internal unstash never reorders commands.
/// </remarks>
internal sealed class PersistentActorStash(Func<IStash> runtimeStash) : IStash
{
    private List<bool> internalTags = [];
    private volatile int internalCount;

    /// <summary>Commands the persistence machinery put aside (readable from any thread, for tests).</summary>
    public int InternalCount => internalCount;

    public int Count => internalTags.Count - internalCount;

    public int Capacity => runtimeStash().Capacity;

    public bool IsEmpty => Count == 0;

    public bool IsFull => runtimeStash().IsFull;

    /// <summary>Puts the current message aside for the persistence machinery.</summary>
    public void StashInternally()
    {
        runtimeStash().Stash();
        internalTags.Add(true);
        internalCount++;
    }

    /// <summary>Returns every internally stashed message to the head of the mailbox, oldest first.</summary>
    public void UnstashAllInternally() => UnstashWhere((isInternal, _) => isInternal);

    public void Stash()
    {
        runtimeStash().Stash();
        internalTags.Add(false);
    }

    public void Unstash()
    {
        var taken = false;
        UnstashWhere((isInternal, _) =>
        {
            if (isInternal || taken)
                return false;
            taken = true;
            return true;
        });
    }

    public void UnstashAll() => UnstashWhere((isInternal, _) => !isInternal);

    public void UnstashAll(Func<object, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        UnstashWhere((isInternal, message) => !isInternal && predicate(message));
    }

    /// <summary>
    /// Drops the actor's own stashed messages. Internally stashed commands first go back to the
    /// mailbox head (they are stashed again, in order, if the actor is still busy).
    /// </summary>
    public IReadOnlyList<object> ClearStash()
    {
        UnstashAllInternally();
        internalTags.Clear();
        internalCount = 0;
        return runtimeStash().ClearStash();
    }

    private void UnstashWhere(Func<bool, object, bool> select)
    {
        if (internalTags.Count == 0)
            return;
        var kept = new List<bool>(internalTags.Count);
        var index = 0;
        runtimeStash().UnstashAll(message =>
        {
            if (index >= internalTags.Count)
                throw new InvalidOperationException("the actor's stash holds messages the persistent actor did not stash");
            var isInternal = internalTags[index++];
            var take = select(isInternal, message);
            if (!take)
                kept.Add(isInternal);
            return take;
        });
        if (index != internalTags.Count)
            throw new InvalidOperationException(
                $"the actor's stash holds {index} message(s), the persistent actor stashed {internalTags.Count}");
        internalTags = kept;
        internalCount = kept.Count(isInternal => isInternal);
    }
}
