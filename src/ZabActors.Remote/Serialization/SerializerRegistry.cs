using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using ZabActors.Actors;

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

    /// <summary>
    /// A registry with the built-in serializers: <c>byte[]</c>, <c>string</c>, <c>int</c>, <c>long</c>,
    /// <see cref="TestMessage"/>, and the runtime's own messages (see <see cref="AddActorMessages"/>).
    /// </summary>
    public static SerializerRegistry CreateDefault()
    {
        var registry = new SerializerRegistry();
        registry.Bind<byte[]>(new ByteArraySerializer());
        registry.Bind<string>(new StringSerializer());
        registry.Bind<TestMessage>(new TestMessageSerializer());
        var primitives = new PrimitiveSerializer();
        registry.Bind<int>(primitives);
        registry.Bind<long>(primitives);
        registry.AddActorMessages();
        return registry;
    }

    /// <summary>
    /// Binds the messages remote actor refs exchange on their own: death watch and stop
    /// (<see cref="SystemMessageSerializer"/>), and Identify, ActorIdentity, PoisonPill, Kill, actor refs
    /// and Status replies (<see cref="MiscMessageSerializer"/>). Remoting calls this on every registry it
    /// is given; calling it again changes nothing.
    /// </summary>
    public SerializerRegistry AddActorMessages()
    {
        var system = new SystemMessageSerializer();
        foreach (var type in new[] { typeof(Watch), typeof(Unwatch), typeof(DeathWatchNotification), typeof(Terminate) })
            Bind(type, system);
        var misc = new MiscMessageSerializer(this);
        foreach (var type in MiscMessageSerializer.Types)
            Bind(type, misc);
        return this;
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

    public ISerializer FindSerializerFor(Type type) =>
        TryFindSerializerFor(type, out var serializer)
            ? serializer
            : throw new NotSerializableException($"no serializer is bound to {type.FullName}");

    /// <summary>The serializer for messages of <paramref name="type"/>; false when none is bound (no exception on the hot path).</summary>
    public bool TryFindSerializerFor(Type type, out ISerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (_bindings.TryGetValue(type, out serializer!))
            return true;
        serializer = _resolved.GetOrAdd(type, Resolve)!;
        return serializer is not null;
    }

    /// <summary>
    /// Writes a message nested in another one, e.g. the id of an Identify: <c>serializerId</c> as a varint
    /// (0 for null), the manifest, then the bytes, which run to the end of the enclosing body.
    /// </summary>
    public void WriteNested(IBufferWriter<byte> output, object? value)
    {
        if (value is null)
        {
            output.WriteVarUInt64(0);
            return;
        }
        var serializer = FindSerializerFor(value);
        output.WriteVarUInt64((ulong)serializer.Identifier);
        output.WriteString(serializer.Manifest(value));
        serializer.ToBinary(value, output);
    }

    /// <summary>Reads what <see cref="WriteNested"/> wrote; <paramref name="reader"/> is consumed to the end.</summary>
    public object? ReadNested(ref SpanReader reader)
    {
        var id = reader.ReadVarUInt64();
        if (id == 0)
        {
            reader.EnsureConsumed();
            return null;
        }
        if (id > int.MaxValue || !TryGetSerializer((int)id, out var serializer))
            throw new FrameFormatException($"nested message uses unknown serializer {id}");
        var manifest = reader.ReadString();
        return serializer.FromBinary(reader.ReadRest(), manifest);
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
