namespace ZabActors.Actors;

/// <summary>
/// A path to send to rather than a ref: resolved through the system's provider on every Tell, so it
/// reaches whatever actor lives there at that moment (or dead letters). Paths are absolute
/// (<c>zab://sys/user/a</c>, <c>/user/a</c>) or relative to an anchor actor (<c>child</c>, <c>../sibling</c>).
/// Wildcards are not supported.
/// </summary>
public sealed class ActorSelection : ICanTell
{
    private readonly ActorPath _target;

    private ActorSelection(ActorSystem system, ActorPath target, string pathString)
    {
        System = system;
        _target = target;
        PathString = pathString;
    }

    public ActorSystem System { get; }

    /// <summary>The path as given.</summary>
    public string PathString { get; }

    /// <summary>The absolute path the selection points at.</summary>
    public ActorPath TargetPath => _target;

    internal static ActorSelection Create(ActorSystem system, IActorRef? anchor, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.IndexOfAny(['*', '?', '[']) >= 0) throw new NotSupportedException($"wildcard actor selections are not supported: '{path}'");
        ActorPath target;
        if (path.Contains("://", StringComparison.Ordinal)) target = ActorPath.Parse(path);
        else if (path.StartsWith('/')) target = Walk(system.Provider.RootPath, path);
        else target = Walk(anchor?.Path ?? system.Provider.Guardian.Path, path);
        return new ActorSelection(system, target.WithUid(0), path);
    }

    public void Tell(object message, IActorRef? sender) => ResolvePath().Tell(message, sender);

    /// <summary>The actor currently at the path, found with <see cref="Identify"/>; fails with <see cref="ActorNotFoundException"/>.</summary>
    public async Task<IActorRef> ResolveOne(TimeSpan timeout)
    {
        var identity = await this.Ask<ActorIdentity>(new Identify(null), timeout).ConfigureAwait(false);
        return identity.Subject ?? throw new ActorNotFoundException($"no actor at {_target}");
    }

    public override string ToString() => $"ActorSelection[{_target}]";

    private IActorRef ResolvePath() => System.Provider.ResolveActorRef(_target);

    private static ActorPath Walk(ActorPath start, string relative)
    {
        var path = relative.StartsWith('/') ? start.Root : start;
        foreach (var element in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (element == ".") continue;
            path = element == ".." ? path.Parent : path.Child(element);
        }
        return path;
    }
}
