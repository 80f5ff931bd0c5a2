namespace ZabActors.Remote.Serialization;

/// <summary>
/// A small message with a built-in compact serializer, for transport tests and the remote benchmark:
/// a sequence number to check order and loss, and free text to vary the size.
/// </summary>
public sealed record TestMessage(long Sequence, string Text);
