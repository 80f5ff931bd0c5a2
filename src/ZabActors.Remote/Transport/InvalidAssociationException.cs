namespace ZabActors.Remote.Transport;

/// <summary>An association could not be opened (refused, unreachable, timed out, blocked); named as in Akka.</summary>
public sealed class InvalidAssociationException(string message, Exception? inner = null) : Exception(message, inner);
