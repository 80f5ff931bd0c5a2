using Microsoft.Extensions.Logging;

namespace ZabActors.Remote;

/// <summary>The log lines of the actor side of remoting (provider, remote refs, inbound delivery, remote death watch).</summary>
internal static partial class RemoteLog
{
    [LoggerMessage(EventId = 140, Level = LogLevel.Information, Message = "Remoting of actor system {System} started at {Address}")]
    public static partial void RemotingStarted(ILogger logger, string system, Actors.Address address);

    [LoggerMessage(EventId = 141, Level = LogLevel.Error,
        Message = "No serializer is bound to {MessageType}: messages of this type to {Recipient} go to dead letters (bind one with SerializerRegistry.Bind)")]
    public static partial void NoSerializer(ILogger logger, string messageType, Actors.ActorPath recipient);

    [LoggerMessage(EventId = 142, Level = LogLevel.Debug, Message = "Could not queue {MessageType} for {Recipient}: sent to dead letters")]
    public static partial void NotQueued(ILogger logger, string messageType, Actors.ActorPath recipient);

    [LoggerMessage(EventId = 143, Level = LogLevel.Warning, Message = "Dropped inbound {MessageType} from {Origin}: {Reason}")]
    public static partial void InboundNotDelivered(ILogger logger, string messageType, RemoteAddress origin, string reason);

    [LoggerMessage(EventId = 144, Level = LogLevel.Debug, Message = "Remote ref {Recipient} ignores system message {MessageType}")]
    public static partial void UnsupportedSystemMessage(ILogger logger, Actors.ActorPath recipient, string messageType);

    [LoggerMessage(EventId = 145, Level = LogLevel.Information,
        Message = "Node at {Address} terminated: {WatchCount} watched actor(s) reported Terminated, {WatcherCount} remote watcher(s) removed")]
    public static partial void WatchesTerminated(ILogger logger, RemoteAddress address, int watchCount, int watcherCount);
}
