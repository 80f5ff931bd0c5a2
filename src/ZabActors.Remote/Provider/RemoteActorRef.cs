using ZabActors.Actors;
using ZabActors.Remote.Serialization;

namespace ZabActors.Remote;

/// <summary>
/// A ref to an actor of another node. Tell checks that the message can be serialized and queues it on
/// the peer's <see cref="RemoteEndpoint"/> with the recipient's path and the sender's full path; what
/// cannot be queued goes to dead letters. Watch, Unwatch and DeathWatchNotification go through the
/// provider's <see cref="RemoteWatcher"/> and travel as system messages on the same ordered association.
/// The wire texts of the recipient and of the last sender are cached, so a Tell allocates nothing.
/// </summary>
public sealed class RemoteActorRef : ActorRefBase, IInternalActorRef
{
    private readonly RemoteActorRefProvider _provider;
    private readonly ActorPath _path;
    private RemoteEndpoint? _endpoint;
    private SenderText? _lastSender;

    internal RemoteActorRef(RemoteActorRefProvider provider, ActorPath path, RemoteAddress address)
    {
        _provider = provider;
        _path = path;
        RemoteAddress = address;
        PathText = path.ToSerializationFormat();
        // The peer already knows its own address (the handshake checked it): only the rest travels.
        RecipientText = PathText[path.Address.ToString().Length..];
    }

    public override ActorPath Path => _path;

    /// <summary>The node the actor lives on.</summary>
    public RemoteAddress RemoteAddress { get; }

    public IInternalActorRef Parent => _path.IsRoot ? this : _provider.RemoteRefFor(_path.Parent, RemoteAddress);

    public IActorRefProvider Provider => _provider;

    public bool IsLocal => false;

    /// <summary>Always false: a remote actor's death is only learnt through death watch.</summary>
    public bool IsTerminated => false;

    /// <summary>The full path with uid, as refs are written inside messages.</summary>
    internal string PathText { get; }

    /// <summary>The path (with uid) without the address, as the recipient of a frame.</summary>
    internal string RecipientText { get; }

    private RemoteEndpoint Endpoint => _endpoint ??= _provider.Remoting.EndpointManager.GetEndpoint(RemoteAddress);

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new InvalidMessageException("message must not be null");
        if (!_provider.Serializers.TryFindSerializerFor(message.GetType(), out _))
        {
            _provider.OnUnserializable(message, sender, this);
            return;
        }
        if (!Endpoint.Send(message, RecipientText, SenderTextOf(sender)))
            _provider.OnNotQueued(message, sender, this);
    }

    public void SendSystemMessage(ISystemMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case Watch watch when Equals(watch.Watchee):
                _provider.Watcher.Watch(this, watch.Watcher);
                break;
            case Unwatch unwatch when Equals(unwatch.Watchee):
                _provider.Watcher.Unwatch(this, unwatch.Watcher);
                break;
            case DeathWatchNotification notification:
                _provider.Watcher.NotifyRemoteWatcher(notification, this);
                break;
            case Terminate:
                SendOverWire(message);
                break;
            default:
                RemoteLog.UnsupportedSystemMessage(_provider.Log, _path, message.GetType().Name);
                break;
        }
    }

    /// <summary>Asks the remote actor to stop, as <c>system.Stop</c> would locally.</summary>
    public void Stop() => SendSystemMessage(Terminate.Instance);

    public IInternalActorRef? GetChild(IReadOnlyList<string> names)
    {
        var path = _path.WithUid(0);
        foreach (var name in names)
        {
            if (name.Length == 0 || name == ".") continue;
            path = name == ".." ? path.Parent : path.Child(name);
        }
        return ReferenceEquals(path, _path) ? this : _provider.RemoteRefFor(path, RemoteAddress);
    }

    /// <summary>Queues a system message for the peer; false when it could not be queued.</summary>
    internal bool SendOverWire(ISystemMessage message)
    {
        var queued = Endpoint.Send(message, RecipientText);
        if (!queued)
            RemoteLog.NotQueued(_provider.Log, message.GetType().Name, _path);
        return queued;
    }

    /// <summary>
    /// The sender's full path, remembered for the last sender seen: an actor usually talks to a remote
    /// actor with itself as sender, message after message. No sender and dead letters travel as none.
    /// </summary>
    private string? SenderTextOf(IActorRef? sender)
    {
        if (sender is null)
            return null;
        var last = _lastSender;
        if (last is not null && ReferenceEquals(last.Sender, sender))
            return last.Text;
        var text = ReferenceEquals(sender, _provider.DeadLetters) ? "" : ActorRefSerialization.ToWireFormat(sender);
        _lastSender = new SenderText(sender, text.Length == 0 ? null : text);
        return _lastSender.Text;
    }

    /// <summary>One sender and its wire text; replaced as a whole so readers never see a torn pair.</summary>
    private sealed record SenderText(IActorRef Sender, string? Text);
}
