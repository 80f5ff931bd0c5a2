using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Remote.Serialization;

namespace ZabActors.Remote;

/// <summary>
/// The provider of a system with remoting (after Akka's <c>RemoteActorRefProvider</c>): it wraps the local
/// provider, which keeps the guardians, <c>/temp</c> and dead letters, and resolves paths of other nodes
/// (same transport protocol, another address) to <see cref="RemoteActorRef"/>s, so selections,
/// <c>ResolveActorRef</c> and refs inside messages reach actors anywhere. Install it with
/// <see cref="RemotingSetupExtensions.WithRemoting"/>.
/// </summary>
public sealed class RemoteActorRefProvider : IActorRefProvider
{
    private const int ResolveCacheCapacity = 4096;
    private readonly IActorRefProvider _local;
    private readonly ActorRefResolveCache _resolveCache = new(ResolveCacheCapacity);
    private readonly ConcurrentDictionary<ActorPath, RemoteActorRef> _remoteRefs = new();
    private readonly Func<string, IActorRef> _resolveUncached;
    private readonly string _scheme;
    private readonly ConcurrentDictionary<Type, byte> _unserializableLogged = new();

    internal RemoteActorRefProvider(IActorRefProvider local, Remoting remoting, ILogger log)
    {
        _local = local;
        Remoting = remoting;
        Log = log;
        Watcher = new RemoteWatcher(log);
        _scheme = remoting.EndpointManager.Transport.SchemeIdentifier;
        _resolveUncached = ResolveUncached;
    }

    public ActorSystem System => _local.System;

    public Address DefaultAddress => _local.DefaultAddress;

    public ActorPath RootPath => _local.RootPath;

    public IInternalActorRef RootGuardian => _local.RootGuardian;

    public IInternalActorRef Guardian => _local.Guardian;

    public IInternalActorRef SystemGuardian => _local.SystemGuardian;

    public IActorRef DeadLetters => _local.DeadLetters;

    /// <summary>The wrapped provider of this process's actors.</summary>
    public IActorRefProvider LocalProvider => _local;

    internal Remoting Remoting { get; }

    internal SerializerRegistry Serializers => Remoting.Serializers;

    internal RemoteWatcher Watcher { get; }

    internal ILogger Log { get; }

    public ActorPath TempPath() => _local.TempPath();

    public void RegisterTempActor(IInternalActorRef actorRef, ActorPath path) => _local.RegisterTempActor(actorRef, path);

    public void UnregisterTempActor(ActorPath path) => _local.UnregisterTempActor(path);

    /// <summary>A local ref for this system's paths, a remote ref for another node's, dead letters for anything else.</summary>
    public IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Address == DefaultAddress)
            return _local.ResolveActorRef(path);
        return TryGetRemoteAddress(path.Address, out var remote) ? RemoteRefFor(path, remote) : _local.ResolveActorRef(path);
    }

    /// <summary>As <see cref="ResolveActorRef(ActorPath)"/> for the text of a path (<c>/user/a</c> means this system); cached.</summary>
    public IActorRef ResolveActorRef(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return _resolveCache.GetOrResolve(path, _resolveUncached);
    }

    /// <summary>The remote ref for <paramref name="path"/> on <paramref name="address"/>, one instance per path and uid.</summary>
    internal RemoteActorRef RemoteRefFor(ActorPath path, RemoteAddress address)
    {
        if (_remoteRefs.TryGetValue(path, out var cached) && cached.Path.Uid == path.Uid)
            return cached;
        var created = new RemoteActorRef(this, path, address);
        if (_remoteRefs.Count >= ResolveCacheCapacity)
            _remoteRefs.Clear();
        _remoteRefs[path] = created;
        return created;
    }

    /// <summary>A message without a serializer: logged once per type, then counted as a dead letter.</summary>
    internal void OnUnserializable(object message, IActorRef? sender, RemoteActorRef recipient)
    {
        Remoting.CountUnserializable();
        if (_unserializableLogged.TryAdd(message.GetType(), 0))
            RemoteLog.NoSerializer(Log, message.GetType().FullName ?? message.GetType().Name, recipient.Path);
        ToDeadLetters(message, sender, recipient);
    }

    /// <summary>The endpoint refused the message (queue full or remoting shut down).</summary>
    internal void OnNotQueued(object message, IActorRef? sender, RemoteActorRef recipient)
    {
        if (Log.IsEnabled(LogLevel.Debug))
            RemoteLog.NotQueued(Log, message.GetType().Name, recipient.Path);
        ToDeadLetters(message, sender, recipient);
    }

    internal void ToDeadLetters(object message, IActorRef? sender, IActorRef recipient) =>
        DeadLetters.Tell(new DeadLetter(message, sender ?? DeadLetters, recipient), ActorRefs.NoSender);

    private IActorRef ResolveUncached(string text)
    {
        if (text.StartsWith('/'))
            text = DefaultAddress + text;
        ActorPath path;
        try
        {
            if (!ActorPath.TryParse(text, out path))
                return Unresolvable();
        }
        catch (ArgumentException)
        {
            return Unresolvable();
        }
        return ResolveActorRef(path);
    }

    // The local provider answers an unparsable path with a ref that turns messages into dead letters.
    private IActorRef Unresolvable() => _local.ResolveActorRef(RootPath / "unparsable-path");

    private bool TryGetRemoteAddress(Address address, out RemoteAddress remote)
    {
        remote = null!;
        return address.Protocol == _scheme && address.TryToRemoteAddress(out remote);
    }
}
