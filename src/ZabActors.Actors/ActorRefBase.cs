namespace ZabActors.Actors;

/// <summary>
/// Equality, ordering and printing shared by every actor ref: equal when path and uid are equal,
/// printed as <c>[zab://sys/user/a#uid]</c> like Akka.
/// </summary>
public abstract class ActorRefBase : IActorRef
{
    public abstract ActorPath Path { get; }

    public abstract void Tell(object message, IActorRef? sender);

    public bool Equals(IActorRef? other) =>
        other is not null && Path.Uid == other.Path.Uid && Path.Equals(other.Path);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public int CompareTo(IActorRef? other)
    {
        if (other is null) return 1;
        int byPath = Path.CompareTo(other.Path);
        return byPath != 0 ? byPath : Path.Uid.CompareTo(other.Path.Uid);
    }

    public override string ToString() => Path.Uid == 0 ? $"[{Path}]" : $"[{Path}#{Path.Uid}]";
}

/// <summary>Base for refs without a mailbox (dead letters, temporary ask refs, nobody).</summary>
public abstract class MinimalActorRef : ActorRefBase, IInternalActorRef
{
    public virtual IInternalActorRef Parent => ActorRefs.NobodyRef;

    public abstract IActorRefProvider Provider { get; }

    public virtual bool IsLocal => true;

    public virtual bool IsTerminated => false;

    public virtual void SendSystemMessage(ISystemMessage message)
    {
    }

    public virtual void Stop()
    {
    }

    public virtual IInternalActorRef? GetChild(IReadOnlyList<string> names) => names.Count == 0 ? this : null;
}

/// <summary>A mailbox-less ref of one system at a fixed path (dead letters, Ask refs, the root's supervisor).</summary>
internal abstract class SystemMinimalActorRef : MinimalActorRef
{
    private readonly ActorPath _path;

    protected SystemMinimalActorRef(ActorSystem system, ActorPath path)
    {
        System = system;
        _path = path;
    }

    public override ActorPath Path => _path;

    public override IActorRefProvider Provider => System.Provider;

    protected ActorSystem System { get; }
}
