using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Prep;
using ZabActors.ZooKeeper.Protocol;
using ZabActors.ZooKeeper.Tree;

namespace ZabActors.ZooKeeper.Final;

/// <summary>
/// The reply to a write once its txn is applied (the write half of ZooKeeper's FinalRequestProcessor).
/// The body follows the request's op (a create2 gets its stat even though its txn is a plain create);
/// a multi always replies OK in its header, with a result per op, as ZooKeeper does.
/// </summary>
public static class WriteResponses
{
    public static (ErrorCode Error, ClientResponse Body) For(ZooOp op, ApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(result);
        if (op is MultiOp multi)
        {
            return (ErrorCode.Ok, Multi(multi, result));
        }
        if (result.Error != ErrorCode.Ok)
        {
            return (result.Error, EmptyResponse.Instance);
        }
        return (ErrorCode.Ok, Body(op, result));
    }

    private static ClientResponse Body(ZooOp op, ApplyResult result) => op switch
    {
        CreateOp { CreateType: OpCode.Create } => new PathResponse(result.Path!),
        CreateOp => new Create2Response(result.Path!, result.Stat!.Value),
        SetDataOp or SetAclOp => new StatResponse(result.Stat!.Value),
        _ => EmptyResponse.Instance,
    };

    private static MultiResponse Multi(MultiOp multi, ApplyResult result)
    {
        if (result.MultiResults.Length != multi.Ops.Length)
        {
            throw new InvalidOperationException($"a multi of {multi.Ops.Length} ops applied as {result.MultiResults.Length}");
        }
        var failed = result.Error != ErrorCode.Ok;
        var results = ImmutableArray.CreateBuilder<MultiResult>(multi.Ops.Length);
        for (var i = 0; i < multi.Ops.Length; i++)
        {
            var sub = result.MultiResults[i];
            results.Add(failed
                ? new MultiResult(OpCode.Error, sub.Error, EmptyResponse.Instance)
                : new MultiResult(multi.Ops[i].Type, ErrorCode.Ok, Body(multi.Ops[i], sub)));
        }
        return new MultiResponse(results.MoveToImmutable());
    }
}
