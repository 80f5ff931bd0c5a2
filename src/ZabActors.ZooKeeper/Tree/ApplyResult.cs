using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Watches;

namespace ZabActors.ZooKeeper.Tree;

/// <summary>
/// What applying one txn did (ZooKeeper's ProcessTxnResult): the result code for the client, the path
/// it touched, the node's stat after the change, a multi's per-op results, and the watch triggers in
/// the order ZooKeeper fires them.
/// </summary>
public sealed record ApplyResult(
    ErrorCode Error,
    string? Path,
    Stat? Stat,
    ImmutableArray<ApplyResult> MultiResults,
    ImmutableArray<WatchTrigger> Triggers)
{
    public static ApplyResult Ok(string? path, Stat? stat, params WatchTrigger[] triggers) => new(ErrorCode.Ok, path, stat, [], [.. triggers]);

    public static ApplyResult Failed(ErrorCode error, string? path) => new(error, path, null, [], []);
}
