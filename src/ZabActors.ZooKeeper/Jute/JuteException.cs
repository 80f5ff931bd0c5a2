namespace ZabActors.ZooKeeper.Jute;

/// <summary>Bytes that do not decode as the jute record expected: truncated, oversized or malformed.</summary>
public sealed class JuteException(string message) : Exception(message);
