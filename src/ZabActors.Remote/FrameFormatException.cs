namespace ZabActors.Remote;

/// <summary>Raised while decoding bytes from the wire that do not follow the frame or message format.</summary>
public sealed class FrameFormatException(string message) : Exception(message);
