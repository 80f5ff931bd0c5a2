using Microsoft.Extensions.Logging;

namespace ZabActors.Remote;

/// <summary>
/// Every log line the remoting layer writes, as source-generated methods: cheap when disabled and short,
/// stable texts that tests and operators can rely on.
/// </summary>
internal static partial class RemoteLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Listening on {Address} as node {NodeId}")]
    public static partial void Listening(ILogger logger, RemoteAddress address, long nodeId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Associated with {Remote} (node {NodeId}, {Direction})")]
    public static partial void Associated(ILogger logger, RemoteAddress remote, long nodeId, string direction);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Association with {Remote} closed: {Reason}")]
    public static partial void Disassociated(ILogger logger, RemoteAddress remote, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Refused association from {Remote}: {Reason}")]
    public static partial void Refused(ILogger logger, RemoteAddress remote, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Closing association with {Remote}: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, RemoteAddress remote, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Association attempt to {Remote} failed: {Reason}; next attempt in {Delay}")]
    public static partial void AttemptFailed(ILogger logger, RemoteAddress remote, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 106, Level = LogLevel.Debug, Message = "Refused {Remote} (node {NodeId}), which lost the tie-break; connecting back")]
    public static partial void ConnectingBack(ILogger logger, RemoteAddress remote, long nodeId);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning,
        Message = "Outbound queue to {Remote} full ({Capacity}): dropped {Count} newest message(s), {Total} in total")]
    public static partial void OutboundQueueFull(ILogger logger, RemoteAddress remote, int capacity, long count, long total);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Dropped outbound {MessageType} to {Remote}: {Reason}")]
    public static partial void OutboundDropped(ILogger logger, string messageType, RemoteAddress remote, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Dropped inbound message from {Remote}: {Reason}")]
    public static partial void InboundDropped(ILogger logger, RemoteAddress remote, string reason);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Node {NodeId} at {Remote} terminated: {Reason}")]
    public static partial void Terminated(ILogger logger, long nodeId, RemoteAddress remote, string reason);

    [LoggerMessage(EventId = 130, Level = LogLevel.Debug, Message = "Connection {Remote} closing: {Reason}")]
    public static partial void HandleClosing(ILogger logger, RemoteAddress remote, string reason);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Accepting a connection on {Local} failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception, RemoteAddress local);

    [LoggerMessage(EventId = 190, Level = LogLevel.Error, Message = "Unexpected failure in {Where}")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string where);
}
