namespace ZabActors.Actors;

/// <summary>The ref of an actor in this process: Tell enqueues straight into its mailbox, without locks.</summary>
internal sealed class LocalActorRef : ActorRefBase, IInternalActorRef
{
    private readonly ActorCell _cell;
    private readonly ActorPath _path;

    public LocalActorRef(ActorCell cell, ActorPath path)
    {
        _cell = cell;
        _path = path;
    }

    public override ActorPath Path => _path;

    public IInternalActorRef Parent => _cell.Parent;

    public IActorRefProvider Provider => _cell.System.Provider;

    public bool IsLocal => true;

    public bool IsTerminated => _cell.Mailbox.IsClosed;

    internal ActorCell Cell => _cell;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new InvalidMessageException("message must not be null");
        _cell.Mailbox.Post(new Envelope(message, sender));
    }

    public void SendSystemMessage(ISystemMessage message) => _cell.Mailbox.PostSystem(message);

    public void Stop() => _cell.Mailbox.PostSystem(Terminate.Instance);

    public IInternalActorRef? GetChild(IReadOnlyList<string> names)
    {
        IInternalActorRef current = this;
        foreach (var name in names)
        {
            if (name.Length == 0 || name == ".") continue;
            if (name == "..")
            {
                current = current.Parent;
                continue;
            }
            var next = current is LocalActorRef local ? local._cell.GetSingleChild(name) : current.GetChild([name]);
            if (next is null) return null;
            current = next;
        }
        return current;
    }
}
