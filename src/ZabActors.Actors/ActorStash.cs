namespace ZabActors.Actors;

/// <summary>
/// The stash of one actor, owned by its cell so it survives restarts: on restart its content is
/// unstashed to the new incarnation, on stop it goes to dead letters.
/// </summary>
internal sealed class ActorStash : IStash
{
    private readonly ActorCell _cell;
    private readonly List<Envelope> _stashed = new();

    public ActorStash(ActorCell cell, int capacity)
    {
        _cell = cell;
        Capacity = capacity;
    }

    public int Count => _stashed.Count;

    public int Capacity { get; }

    public bool IsEmpty => _stashed.Count == 0;

    public bool IsFull => _stashed.Count >= Capacity;

    public void Stash()
    {
        var message = _cell.CurrentMessage ?? throw new IllegalActorStateException("Stash() called outside of message processing");
        if (_stashed.Count > 0 && ReferenceEquals(_stashed[^1].Message, message) && ReferenceEquals(_stashed[^1].Sender, _cell.CurrentSender))
            throw new IllegalActorStateException($"can't stash the same message {message} more than once");
        if (IsFull)
            throw new StashOverflowException($"stash of {_cell.Self.Path} is full ({Capacity} messages, zab.actor.stash-capacity) while stashing {message}");
        _stashed.Add(new Envelope(message, _cell.CurrentSender));
    }

    public void Unstash()
    {
        if (_stashed.Count == 0) return;
        var first = _stashed[0];
        _stashed.RemoveAt(0);
        _cell.Mailbox.PrependAll([first]);
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0) return;
        var all = _stashed.ToArray();
        _stashed.Clear();
        _cell.Mailbox.PrependAll(all);
    }

    public void UnstashAll(Func<object, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var selected = new List<Envelope>();
        var kept = new List<Envelope>();
        foreach (var envelope in _stashed) (predicate(envelope.Message) ? selected : kept).Add(envelope);
        _stashed.Clear();
        _stashed.AddRange(kept);
        if (selected.Count > 0) _cell.Mailbox.PrependAll(selected);
    }

    public IReadOnlyList<object> ClearStash()
    {
        var messages = _stashed.Select(e => e.Message).ToArray();
        _stashed.Clear();
        return messages;
    }

    /// <summary>Empties the stash into dead letters (the actor stopped).</summary>
    internal void DrainToDeadLetters()
    {
        foreach (var envelope in _stashed) _cell.SendToDeadLetters(envelope);
        _stashed.Clear();
    }
}
