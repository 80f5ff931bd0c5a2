using Akka.Actor;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>Appends: one atomic write per batch, pipelined, each answered once its own write is confirmed.</summary>
public sealed partial class TxnLogActor
{
    /// <summary>The zxid a new batch must follow: the last one accepted for writing, confirmed or not.</summary>
    private Zxid LastAcceptedZxid => appends.Count > 0 ? appends[^1].Last : state.LastZxid;

    private void Append(AppendTxns append)
    {
        if (AppendError(append) is { } error)
        {
            Sender.Tell(new StorageFailed($"txn log {PersistenceId}: {error}"));
            return;
        }
        var batch = new AppendInFlight(append.Txns[0].Zxid, append.Last, Sender,
            $"append of {append.Txns.Length} txn(s) up to {append.Last}");
        appends.Add(batch);
        PersistAllAsync(append.Txns.Select(txn => new TxnLogged(txn)), logged =>
        {
            state = state.Apply(logged);
            if (logged.Txn.Zxid == batch.Last && appends.Remove(batch))
            {
                batch.ReplyTo.Tell(new LogDurable(batch.Last));
                AfterAppend();
            }
        });
    }

    /// <summary>Lets the requests that waited for the appends in flight go on once the last one is confirmed.</summary>
    private void AfterAppend()
    {
        if (appends.Count == 0 && draining)
        {
            BecomeReady();
        }
    }

    private string? AppendError(AppendTxns append)
    {
        if (append.Txns.IsDefaultOrEmpty)
        {
            return "an append carries no txns";
        }
        if (append.Txns.Length > settings.MaxAppendBatch)
        {
            return $"an append of {append.Txns.Length} txns exceeds max-append-batch {settings.MaxAppendBatch}";
        }
        var previous = LastAcceptedZxid;
        foreach (var txn in append.Txns)
        {
            if (txn.Zxid <= previous || txn.Zxid.Value <= 0)
            {
                return $"append out of order: {txn.Zxid} after {previous}";
            }
            previous = txn.Zxid;
        }
        return null;
    }

    /// <summary>The append batch a rejected or failed event belongs to, if it is still in flight.</summary>
    private AppendInFlight? BatchOf(object @event) =>
        @event is TxnLogged logged ? appends.Find(batch => batch.First <= logged.Txn.Zxid && logged.Txn.Zxid <= batch.Last) : null;
}
