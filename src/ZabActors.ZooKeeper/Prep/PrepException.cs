using ZabActors.ZooKeeper.Data;

namespace ZabActors.ZooKeeper.Prep;

/// <summary>A request that cannot become its txn; it becomes an ErrorTxn with <see cref="Code"/> instead.</summary>
internal sealed class PrepException(ErrorCode code, string detail) : Exception($"{code}: {detail}")
{
    public ErrorCode Code { get; } = code;
}
