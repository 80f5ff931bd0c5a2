namespace ZabActors.Remote.Serialization;

/// <summary>Raised when no serializer is bound to a message type or identifier.</summary>
public sealed class NotSerializableException(string message) : Exception(message);
