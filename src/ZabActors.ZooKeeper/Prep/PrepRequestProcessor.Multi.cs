using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Txns;

namespace ZabActors.ZooKeeper.Prep;

// multi: every op prepared in order against the changes of the ops before it; the first failure turns
// the rest into errors and rolls back the multi's change records, so nothing of it applies.
public sealed partial class PrepRequestProcessor
{
    private MultiTxn PrepMulti(ZooRequest request, MultiOp multi, long zxid)
    {
        var pending = new List<ChangeRecord>();
        var txns = new List<ZooTxn>(multi.Ops.Length);
        ErrorCode? failure = null;
        foreach (var op in multi.Ops)
        {
            if (failure is not null)
            {
                txns.Add(new ErrorTxn(ErrorCode.RuntimeInconsistency));
                continue;
            }
            try
            {
                if (op is CreateSessionOp or CloseSessionOp)
                {
                    throw new PrepException(ErrorCode.BadArguments, $"{op.Type} is not allowed in a multi");
                }
                txns.Add(PrepOne(request, op, zxid, pending));
            }
            catch (PrepException e)
            {
                failure = e.Code;
                txns.Add(new ErrorTxn(e.Code));
                Rollback(pending);
            }
        }
        return new MultiTxn([.. txns]);
    }
}
