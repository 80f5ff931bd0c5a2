using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ZabActors.Remote.Serialization;

/// <summary>
/// Owns the mapping from message types to serializers and from wire identifiers back to serializers.
/// Lookups are lock-free reads of immutable snapshots; registration (at start-up, by each layer that
/// brings messages) replaces the snapshots under a lock. A type without its own binding uses the
/// binding of its nearest base type or interface, resolved once and cached.
/// </summary>
public sealed class SerializerRegistry
{
    private readonly object _gate = new();
    private FrozenDictionary<int, ISerializer> _byId = FrozenDictionary<int, ISerializer>.Empty;
    private FrozenDictionary<Type, ISerializer> _bindings = FrozenDictionary<Type, ISerializer>.Empty;
    private readonly ConcurrentDictionary<Type, ISerializer?> _resolved = new();

    /// <summary>A registry with the built-in serializers: <c>byte[]</c>, <c>string</c> and <see cref="TestMessage"/>.</summary>
    public static SerializerRegistry CreateDefault()
    {
        var registry = new SerializerRegistry();
        registry.Bind<byte[]>(new ByteArraySerializer());
        registry.Bind<string>(new StringSerializer());
        registry.Bind<TestMessage>(new TestMessageSerializer());
        return registry;
    }

    /// <summary>Adds a serializer without binding types (it can still decode its identifier).</summary>
    public void Register(ISerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        if (serializer.Identifier <= 0)
            throw new ArgumentException($"serializer identifier must be positive, got {serializer.Identifier}");
        lock (_gate)
        {
            if (_byId.TryGetValue(serializer.Identifier, out var existing))
            {
                if (ReferenceEquals(existing, serializer) || existing.GetType() == serializer.GetType())
                    return;
                throw new ArgumentException(
                    $"serializer identifier {serializer.Identifier} is already taken by {existing.GetType().Name}");
            }
            _byId = new Dictionary<int, ISerializer>(_byId) { [serializer.Identifier] = serializer }.ToFrozenDictionary();
        }
    }

    /// <summary>Binds messages of type <typeparamref name="T"/> (and subtypes without a binding) to a serializer.</summary>
    public void Bind<T>(ISerializer serializer) => Bind(typeof(T), serializer);

    public void Bind(Type type, ISerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(type);
        Register(serializer);
        lock (_gate)
        {
            var registered = _byId[serializer.Identifier];
            _bindings = new Dictionary<Type, ISerializer>(_bindings) { [type] = registered }.ToFrozenDictionary();
            _resolved.Clear();
        }
    }

    public bool TryGetSerializer(int identifier, out ISerializer serializer) =>
        _byId.TryGetValue(identifier, out serializer!);

    public ISerializer FindSerializerFor(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return FindSerializerFor(message.GetType());
    }

    public ISerializer FindSerializerFor(Type type)
    {
        if (_bindings.TryGetValue(type, out var direct))
            return direct;
        var resolved = _resolved.GetOrAdd(type, Resolve);
        return resolved ?? throw new NotSerializableException($"no serializer is bound to {type.FullName}");
    }

    private ISerializer? Resolve(Type type)
    {
        var bindings = _bindings;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (bindings.TryGetValue(t, out var s))
                return s;
        foreach (var i in type.GetInterfaces())
            if (bindings.TryGetValue(i, out var s))
                return s;
        return null;
    }
}
