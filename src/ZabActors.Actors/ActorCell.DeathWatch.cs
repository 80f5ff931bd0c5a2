namespace ZabActors.Actors;

/// <summary>
/// Death watch: whom this actor watches (and what to deliver when they die), who watches it, and
/// the Terminated messages already queued so that an Unwatch can still cancel them.
/// </summary>
internal sealed partial class ActorCell
{
    private Dictionary<IActorRef, object?>? _watching;
    private HashSet<IInternalActorRef>? _watchedBy;
    private Dictionary<IActorRef, object?>? _terminatedQueued;

    public IActorRef Watch(IActorRef subject) => WatchWith(subject, null);

    public IActorRef WatchWith(IActorRef subject, object? message)
    {
        var target = AsInternal(subject);
        if (target.Equals(SelfRef)) return subject;
        _watching ??= new Dictionary<IActorRef, object?>();
        bool isNew = !_watching.ContainsKey(target);
        _watching[target] = message;
        if (isNew) target.SendSystemMessage(new Watch(target, SelfRef));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        var target = AsInternal(subject);
        if (_watching is not null && _watching.Remove(target)) target.SendSystemMessage(new Unwatch(target, SelfRef));
        _terminatedQueued?.Remove(target);
        return subject;
    }

    private static IInternalActorRef AsInternal(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject as IInternalActorRef
            ?? throw new ArgumentException($"{subject} is not a runtime actor ref and cannot be watched", nameof(subject));
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (!watchee.Equals(SelfRef) || watcher.Equals(SelfRef)) return;
        (_watchedBy ??= new HashSet<IInternalActorRef>()).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (watchee.Equals(SelfRef)) _watchedBy?.Remove(watcher);
    }

    /// <summary>A watched actor or a child died: update the children table and queue Terminated behind the dead actor's last messages.</summary>
    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        if (_watching is not null && _watching.Remove(actor, out var custom) && !_terminating)
        {
            (_terminatedQueued ??= new Dictionary<IActorRef, object?>())[actor] = custom;
            SelfRef.Tell(new Terminated(actor, notification.ExistenceConfirmed, notification.AddressTerminated), actor);
        }
        if (RemoveChild(actor)) ChildTerminated();
    }

    private void ReceiveTerminated(Terminated terminated)
    {
        if (_terminatedQueued is null || !_terminatedQueued.Remove(terminated.ActorRef, out var custom)) return;
        ReceiveUser(custom ?? terminated);
    }

    /// <summary>A stopping actor finishes when its last child is gone; a restarting one when the children it stopped are gone.</summary>
    private void ChildTerminated()
    {
        if (_terminating)
        {
            if (ChildCount == 0) FinishTerminate();
        }
        else if (_pendingRecreate is not null && !AnyChildStopping())
        {
            FinishRecreate(_pendingRecreate);
        }
    }

    private void TellWatchersWeDied()
    {
        if (_watchedBy is null) return;
        foreach (var watcher in _watchedBy)
        {
            if (!watcher.Equals(Parent)) watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, true, false));
        }
        _watchedBy = null;
    }

    private void UnwatchWatchedActors()
    {
        if (_watching is null) return;
        foreach (var watchee in _watching.Keys) ((IInternalActorRef)watchee).SendSystemMessage(new Unwatch((IInternalActorRef)watchee, SelfRef));
        _watching = null;
        _terminatedQueued = null;
    }
}
