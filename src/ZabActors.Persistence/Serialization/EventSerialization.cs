using System.Text;

namespace ZabActors.Persistence.Serialization;

/// <summary>
/// The serializers of one actor system's persistent actors, by type for writing and by manifest
/// for replay. <c>byte[]</c> (manifest "bytes") and <c>string</c> (manifest "string", UTF-8) are
/// built in; applications register an <see cref="IEventSerializer"/> per event and snapshot type.
/// </summary>
/// <remarks>
/// A value's serializer is the one registered for its exact type, else the first registered for a
/// base type or interface of it. Registration is thread-safe; do it before actors persist.
/// </remarks>
public sealed class EventSerialization
{
    public const string BytesManifest = "bytes";
    public const string StringManifest = "string";

    private readonly object gate = new();
    private readonly List<IEventSerializer> ordered = [];
    private readonly Dictionary<string, IEventSerializer> byManifest = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, IEventSerializer> byType = [];

    public EventSerialization()
    {
        Register(EventSerializer.Create<byte[]>(BytesManifest, bytes => bytes, bytes => bytes));
        Register(EventSerializer.Create<string>(StringManifest, Encoding.UTF8.GetBytes, StrictUtf8.GetString));
    }

    private static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Adds a serializer; a manifest or exact type registered twice is an error.</summary>
    public EventSerialization Register(IEventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentException.ThrowIfNullOrWhiteSpace(serializer.Manifest, nameof(serializer));
        lock (gate)
        {
            if (byManifest.TryGetValue(serializer.Manifest, out var taken))
                throw new ArgumentException(
                    $"manifest '{serializer.Manifest}' is already registered for {taken.Type}", nameof(serializer));
            if (ordered.Any(s => s.Type == serializer.Type))
                throw new ArgumentException($"a serializer for {serializer.Type} is already registered", nameof(serializer));
            ordered.Add(serializer);
            byManifest.Add(serializer.Manifest, serializer);
            byType.Clear();
        }
        return this;
    }

    /// <summary>The manifest and bytes of <paramref name="value"/>.</summary>
    public (string Manifest, byte[] Payload) Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var serializer = SerializerFor(value.GetType());
        try
        {
            return (serializer.Manifest, serializer.ToBinary(value));
        }
        catch (Exception e) when (e is not EventSerializationException)
        {
            throw new EventSerializationException($"serializer '{serializer.Manifest}' failed to write {value.GetType()}: {e.Message}", e);
        }
    }

    /// <summary>Rebuilds a value written with <paramref name="manifest"/>.</summary>
    public object Deserialize(string manifest, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(payload);
        IEventSerializer? serializer;
        lock (gate)
            byManifest.TryGetValue(manifest, out serializer);
        if (serializer is null)
            throw new EventSerializationException(
                $"no serializer is registered for manifest '{manifest}' (register an IEventSerializer before recovery)");
        try
        {
            return serializer.FromBinary(payload);
        }
        catch (Exception e) when (e is not EventSerializationException)
        {
            throw new EventSerializationException(
                $"serializer '{manifest}' cannot read {payload.Length} byte(s): {e.Message}", e);
        }
    }

    private IEventSerializer SerializerFor(Type type)
    {
        lock (gate)
        {
            if (byType.TryGetValue(type, out var cached))
                return cached;
            var found = ordered.FirstOrDefault(s => s.Type == type) ?? ordered.FirstOrDefault(s => s.Type.IsAssignableFrom(type))
                ?? throw new EventSerializationException(
                    $"no serializer is registered for {type}; register an IEventSerializer for it "
                    + "(PersistenceExtension.Serialization.Register)");
            byType[type] = found;
            return found;
        }
    }
}
