namespace ZabActors.Actors;

/// <summary>
/// One behaviour of a <see cref="ReceiveActor"/>: handlers in registration order, tried first to
/// last. The handlers that may apply to a message type are computed once per type and cached, so
/// dispatch costs one type lookup (usually the last-type fast path) and a virtual call.
/// </summary>
internal sealed class ReceiveHandlers
{
    private readonly List<MessageHandler> _handlers = new();
    private readonly Dictionary<Type, MessageHandler[]> _byType = new();
    private Type? _lastType;
    private MessageHandler[] _lastHandlers = [];
    private bool _sealed;

    public void Add(MessageHandler handler)
    {
        if (_sealed) throw new InvalidOperationException("handlers can only be added while the behaviour is being built");
        _handlers.Add(handler);
    }

    public Receive Seal()
    {
        _sealed = true;
        return Handle;
    }

    public bool Handle(object message)
    {
        var type = message.GetType();
        var handlers = type == _lastType ? _lastHandlers : Lookup(type);
        for (int i = 0; i < handlers.Length; i++)
        {
            if (handlers[i].TryHandle(message)) return true;
        }
        return false;
    }

    private MessageHandler[] Lookup(Type type)
    {
        if (!_byType.TryGetValue(type, out var handlers))
        {
            handlers = _handlers.Where(h => h.Accepts(type)).ToArray();
            _byType.Add(type, handlers);
        }
        _lastType = type;
        _lastHandlers = handlers;
        return handlers;
    }
}

/// <summary>A single registered handler: the type it accepts plus an optional predicate.</summary>
internal abstract class MessageHandler
{
    public abstract bool Accepts(Type messageType);

    public abstract bool TryHandle(object message);
}

/// <summary>A handler for messages assignable to <typeparamref name="T"/>.</summary>
internal sealed class MessageHandler<T> : MessageHandler
{
    private readonly Action<T>? _action;
    private readonly Func<T, bool>? _function;
    private readonly Predicate<T>? _shouldHandle;

    public MessageHandler(Action<T> action, Predicate<T>? shouldHandle)
    {
        _action = action;
        _shouldHandle = shouldHandle;
    }

    public MessageHandler(Func<T, bool> function)
    {
        _function = function;
    }

    public override bool Accepts(Type messageType) => typeof(T).IsAssignableFrom(messageType);

    public override bool TryHandle(object message)
    {
        var typed = (T)message;
        if (_function is not null) return _function(typed);
        if (_shouldHandle is not null && !_shouldHandle(typed)) return false;
        _action!(typed);
        return true;
    }
}
