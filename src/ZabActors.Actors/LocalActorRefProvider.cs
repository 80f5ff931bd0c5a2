using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZabActors.Actors;

/// <summary>
/// The provider of an in-process system: builds the guardian tree (<c>/</c>, <c>/user</c>,
/// <c>/system</c>), the <c>/temp</c> container for Ask refs and <c>/deadLetters</c>, and resolves
/// paths of this system by walking the children tables.
/// </summary>
public sealed class LocalActorRefProvider : IActorRefProvider
{
    private readonly ConcurrentDictionary<string, IInternalActorRef> _temp = new(StringComparer.Ordinal);
    private readonly ActorPath _tempNode;
    private readonly ActorCell _rootCell;
    private long _tempCounter;

    internal LocalActorRefProvider(ActorSystem system, Address address)
    {
        System = system;
        DefaultAddress = address;
        RootPath = ActorPath.RootOf(address);
        _tempNode = RootPath / "temp";
        DeadLetters = new DeadLetterActorRef(system, RootPath / "deadLetters");
        var dispatcher = system.Dispatchers.DefaultDispatcher;
        var rootProps = Props.Create<RootGuardianActor>().WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy);
        _rootCell = new ActorCell(system, RootPath.WithUid(system.NextUid()), rootProps, dispatcher, new RootSupervisor(system, RootPath / "bubble-walker"));
        var user = _rootCell.AttachChild(Props.Create<GuardianActor>().WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy), "user", start: false);
        var sys = _rootCell.AttachChild(Props.Create<SystemGuardianActor>(user), "system", start: false);
        Guardian = user;
        SystemGuardian = sys;
        GuardianCell = user.Cell;
        SystemGuardianCell = sys.Cell;
    }

    public ActorSystem System { get; }

    public Address DefaultAddress { get; }

    public ActorPath RootPath { get; }

    public IInternalActorRef RootGuardian => _rootCell.SelfRef;

    public IInternalActorRef Guardian { get; }

    public IInternalActorRef SystemGuardian { get; }

    public IActorRef DeadLetters { get; }

    internal ActorCell GuardianCell { get; }

    internal ActorCell SystemGuardianCell { get; }

    /// <summary>Starts the guardians; called once the system is fully built, so no actor runs against a half-made system.</summary>
    internal void Start()
    {
        _rootCell.Start();
        GuardianCell.Start();
        SystemGuardianCell.Start();
    }

    public ActorPath TempPath()
    {
        long id = Interlocked.Increment(ref _tempCounter);
        return _tempNode / ("$" + id.ToString(global::System.Globalization.CultureInfo.InvariantCulture));
    }

    public void RegisterTempActor(IInternalActorRef actorRef, ActorPath path)
    {
        if (path.Parent != _tempNode) throw new ArgumentException($"{path} is not a direct child of {_tempNode}", nameof(path));
        _temp[path.Name] = actorRef;
    }

    public void UnregisterTempActor(ActorPath path) => _temp.TryRemove(path.Name, out _);

    public IActorRef ResolveActorRef(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.StartsWith('/')) return ResolveActorRef(ActorPath.Parse(RootPath.Address + path));
        return ActorPath.TryParse(path, out var parsed) ? ResolveActorRef(parsed) : new EmptyLocalActorRef(System, RootPath / "unparsable-path");
    }

    public IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Address != DefaultAddress) return new EmptyLocalActorRef(System, path);
        var found = ResolveLocal(path.Elements);
        if (found is null || (path.Uid != 0 && found.Path.Uid != path.Uid)) return new EmptyLocalActorRef(System, path);
        return found;
    }

    private IActorRef? ResolveLocal(IReadOnlyList<string> elements)
    {
        if (elements.Count == 0) return RootGuardian;
        switch (elements[0])
        {
            case "temp" when elements.Count == 2:
                return _temp.TryGetValue(elements[1], out var temp) ? temp : null;
            case "deadLetters" when elements.Count == 1:
                return DeadLetters;
            default:
                return RootGuardian.GetChild(elements);
        }
    }

    /// <summary>The parent of the root guardian: logs a root failure and stops it; completes system termination when the root is gone.</summary>
    private sealed class RootSupervisor : SystemMinimalActorRef
    {
        public RootSupervisor(ActorSystem system, ActorPath path) : base(system, path)
        {
        }

        public override void Tell(object message, IActorRef? sender)
        {
        }

        public override void SendSystemMessage(ISystemMessage message)
        {
            switch (message)
            {
                case Failed failed:
                    System.Log.LogCritical(failed.Cause, "Root guardian failed; stopping the actor system");
                    failed.Child.Stop();
                    break;
                case DeathWatchNotification:
                    System.OnRootTerminated();
                    break;
            }
        }
    }
}
