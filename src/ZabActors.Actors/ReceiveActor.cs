namespace ZabActors.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers declared in its constructor with
/// <c>Receive&lt;T&gt;(...)</c>, tried in order; <c>Become(() =&gt; { Receive&lt;T&gt;(...); })</c> swaps in another list.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly ReceiveHandlers _initial = new();
    private ReceiveHandlers? _building;

    protected ReceiveActor()
    {
        _building = _initial;
    }

    /// <summary>Handles <typeparamref name="T"/> messages.</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Building().Add(new MessageHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles <typeparamref name="T"/> messages that satisfy <paramref name="shouldHandle"/>.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ArgumentNullException.ThrowIfNull(handler);
        Building().Add(new MessageHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles <typeparamref name="T"/> messages; returning false passes the message on to later handlers.</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Building().Add(new MessageHandler<T>(handler));
    }

    /// <summary>
    /// Handles <typeparamref name="T"/> with an async handler. The actor processes no other user
    /// message until the returned task completes; continuations after <c>await</c> run inside the
    /// actor (Self and Sender remain valid). Under a deterministic runtime only await things the
    /// runtime drives (Ask, other actors), never real I/O or real delays.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Building().Add(new MessageHandler<T>(message => RunTask(() => handler(message)), shouldHandle));
    }

    /// <summary>Handles every message not handled by earlier handlers.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Building().Add(new MessageHandler<object>(handler, null));
    }

    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Building().Add(new MessageHandler<object>(message => RunTask(() => handler(message)), null));
    }

    /// <summary>Replaces the current behaviour with the handlers registered by <paramref name="configure"/>.</summary>
    protected void Become(Action configure) => Become(BuildBehavior(configure));

    /// <summary>Pushes the handlers registered by <paramref name="configure"/>; <c>UnbecomeStacked</c> pops them.</summary>
    protected void BecomeStacked(Action configure) => BecomeStacked(BuildBehavior(configure));

    protected internal sealed override bool Receive(object message) =>
        throw new InvalidOperationException("a ReceiveActor dispatches through its registered handlers");

    internal sealed override Receive CreateInitialBehavior()
    {
        _building = null;
        return _initial.Seal();
    }

    private Receive BuildBehavior(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _building;
        var handlers = new ReceiveHandlers();
        _building = handlers;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }
        return handlers.Seal();
    }

    private ReceiveHandlers Building() => _building ?? throw new InvalidOperationException(
        "Receive handlers can only be registered in the constructor or inside Become(() => ...)");

    private void RunTask(Func<Task> action) => ((ActorCell)Context).RunAsyncHandler(action);
}
