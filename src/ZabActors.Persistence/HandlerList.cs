namespace ZabActors.Persistence;

/// <summary>
/// One behaviour of a <see cref="PersistentActor"/>: its typed command or recovery handlers, tried
/// in registration order (the way <c>ReceiveActor</c> tries its <c>Receive&lt;T&gt;</c> handlers).
/// </summary>
internal sealed class HandlerList
{
    private readonly List<(Type Type, Func<object, bool> Handle)> handlers = [];

    public void Add<T>(Action<T> handler, Predicate<T>? shouldHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handlers.Add((typeof(T), message =>
        {
            var typed = (T)message;
            if (shouldHandle is not null && !shouldHandle(typed))
                return false;
            handler(typed);
            return true;
        }));
    }

    /// <summary>A handler that says itself whether it handled the message.</summary>
    public void Add<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handlers.Add((typeof(T), message => handler((T)message)));
    }

    public bool TryHandle(object message)
    {
        foreach (var (type, handle) in handlers)
        {
            if (type.IsInstanceOfType(message) && handle(message))
                return true;
        }
        return false;
    }
}
