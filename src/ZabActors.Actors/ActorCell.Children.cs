namespace ZabActors.Actors;

/// <summary>The children table: creation with unique names, lookup, stopping, and removal on termination.</summary>
internal sealed partial class ActorCell
{
    private const string NameAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
    private readonly object _childrenLock = new();
    private readonly Dictionary<string, ChildRestartStats> _children = new(StringComparer.Ordinal);
    private long _nextChildNameId;

    public IReadOnlyList<IActorRef> Children
    {
        get
        {
            lock (_childrenLock)
            {
                if (_children.Count == 0) return [];
                var result = new IActorRef[_children.Count];
                int i = 0;
                foreach (var stats in _children.Values) result[i++] = stats.Child;
                return result;
            }
        }
    }

    private int ChildCount
    {
        get
        {
            lock (_childrenLock) return _children.Count;
        }
    }

    public IActorRef Child(string name)
    {
        lock (_childrenLock) return _children.TryGetValue(name, out var stats) ? stats.Child : ActorRefs.Nobody;
    }

    public IActorRef ActorOf(Props props, string? name = null) => AttachChild(props, name);

    /// <summary>
    /// Creates a child; callable from any thread for guardians (system.ActorOf), from the actor itself
    /// otherwise. With <paramref name="start"/> false the caller starts it later (the guardians, once
    /// the system is fully built).
    /// </summary>
    internal LocalActorRef AttachChild(Props props, string? name, bool start = true)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null && !ActorPath.IsValidPathElement(name))
            throw new InvalidActorNameException(
                $"invalid actor name [{name}]: must be non-empty, not start with '$' and use only letters, digits, '%' and -_.*$+:@&=,!~';");
        var dispatcher = System.Dispatchers.Lookup(props.Dispatcher);
        ActorCell child;
        bool parentStopping;
        lock (_childrenLock)
        {
            name ??= NextChildName();
            if (_children.ContainsKey(name))
                throw new InvalidActorNameException($"actor name [{name}] is not unique under {SelfRef.Path}");
            var path = SelfRef.Path.Child(name).WithUid(System.NextUid());
            child = new ActorCell(System, path, props, dispatcher, SelfRef);
            _children.Add(name, new ChildRestartStats(child.SelfRef));
            parentStopping = _terminating;
        }
        if (start) child.Start();
        if (parentStopping) child.SelfRef.Stop();
        return child.SelfRef;
    }

    public void Stop(IActorRef actor)
    {
        if (actor is not IInternalActorRef target) throw new ArgumentException($"{actor} cannot be stopped from here", nameof(actor));
        lock (_childrenLock)
        {
            if (_children.TryGetValue(actor.Path.Name, out var stats) && stats.Child.Equals(actor)) stats.IsStopping = true;
        }
        target.Stop();
    }

    internal ChildRestartStats? FindChild(IActorRef actor)
    {
        lock (_childrenLock)
        {
            return _children.TryGetValue(actor.Path.Name, out var stats) && stats.Child.Equals(actor) ? stats : null;
        }
    }

    internal IInternalActorRef? GetSingleChild(string name)
    {
        lock (_childrenLock) return _children.TryGetValue(name, out var stats) ? stats.Child : null;
    }

    internal IReadOnlyList<ChildRestartStats> ChildStats()
    {
        lock (_childrenLock) return _children.Values.ToArray();
    }

    private bool RemoveChild(IActorRef actor)
    {
        lock (_childrenLock)
        {
            if (!_children.TryGetValue(actor.Path.Name, out var stats) || !stats.Child.Equals(actor)) return false;
            _children.Remove(actor.Path.Name);
            return true;
        }
    }

    private void StopAllChildren()
    {
        foreach (var stats in ChildStats()) Stop(stats.Child);
    }

    private bool AnyChildStopping()
    {
        lock (_childrenLock)
        {
            foreach (var stats in _children.Values)
            {
                if (stats.IsStopping) return true;
            }
            return false;
        }
    }

    private string NextChildName()
    {
        long id = _nextChildNameId++;
        var chars = new List<char> { '$' };
        do
        {
            chars.Add(NameAlphabet[(int)(id & 63)]);
            id >>= 6;
        }
        while (id != 0);
        return new string(chars.ToArray());
    }
}
