namespace ZabActors.Persistence.Serialization;

/// <summary>
/// Raised when an event or snapshot cannot be turned into bytes (no serializer for its type) or
/// back (unknown manifest, unreadable bytes); the message names the type or manifest.
/// </summary>
public sealed class EventSerializationException(string message, Exception? inner = null) : Exception(message, inner);
