using ZabActors.ZooKeeper.Data;

namespace ZabActors.Client;

/// <summary>A request the server answered with an error code, or that could not be answered (connection loss).</summary>
public sealed class KeeperException(ErrorCode code, string? path = null, string? detail = null)
    : Exception($"{code}{(path is null ? "" : $" for {path}")}{(detail is null ? "" : $": {detail}")}")
{
    public ErrorCode Code { get; } = code;

    public string? Path { get; } = path;
}
