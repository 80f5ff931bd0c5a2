namespace ZabActors.Remote.Serialization;

/// <summary>
/// The cause of a <c>Status.Failure</c> that came from another node: exceptions do not cross the wire,
/// their type name and message do, so an Ask across nodes fails with the remote reason.
/// </summary>
public sealed class RemoteException(string originalType, string message)
    : Exception($"{originalType}: {message}")
{
    /// <summary>Full name of the exception type thrown on the other node.</summary>
    public string OriginalType { get; } = originalType;

    /// <summary>The original exception's message.</summary>
    public string OriginalMessage { get; } = message;
}
