using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

// Client writes and status. Each accepted write gets a peer-local sequence number carried in its
// transaction (ClientTxn); the peer answers its client when that transaction is applied here.
public sealed partial class QuorumPeerActor
{
    private readonly SortedDictionary<long, PendingWrite> pending = [];
    private long nextSeq;

    /// <summary>
    /// How long a write may stay unanswered. A leader cannot tell a learner that it refused a forwarded
    /// REQUEST (ZooKeeper has no such packet either; its clients time out), so the accepting peer gives up.
    /// </summary>
    private TimeSpan WriteTimeout => TimeSpan.FromMilliseconds(2L * settings.Timing.TickTimeMs * settings.Timing.SyncLimitTicks);

    public ITimerScheduler Timers { get; set; } = null!;

    private void ReceiveClientMessages()
    {
        Receive<ClientWrite>(OnClientWrite);
        Receive<LocalWriteCommitted>(committed => Answer(committed.Seq, request => new WriteCommitted(request, committed.Zxid)));
        Receive<LocalWriteFailed>(failed => Answer(failed.Seq, request => new WriteFailed(request, failed.Reason)));
        Receive<ExpireWrites>(_ => ExpireOldWrites());
        Receive<GetPeerStatus>(_ => Sender.Tell(Status(), Self));
    }

    private PeerStatus Status() => new(
        MyId, state, progress.AcceptedEpoch, progress.CurrentEpoch, progress.LastLoggedZxid, progress.LastAppliedZxid,
        state == ServerState.Looking ? null : leaderSid);

    private void StartClientTimers()
    {
        // Sequence numbers start from the clock so that a restarted peer never reuses one still in flight.
        nextSeq = Context.System.Scheduler.Now.UtcTicks;
        Timers.StartPeriodicTimer("expire-writes", ExpireWrites.Instance, TimeSpan.FromMilliseconds(settings.Timing.TickTimeMs));
    }

    private void OnClientWrite(ClientWrite write)
    {
        var refusal = write.Data is null ? "a write needs data"
            : role.IsNobody() || stoppingRole ? $"no leader: server {MyId} is LOOKING"
            : pending.Count >= settings.Timing.MaxOutstandingProposals ? "too many outstanding writes"
            : null;
        if (refusal is not null)
        {
            Sender.Tell(new WriteFailed(write.RequestId, refusal), Self);
            return;
        }
        var seq = ++nextSeq;
        pending[seq] = new PendingWrite(Sender, write.RequestId, Now);
        role.Tell(new SubmitWrite(ClientTxn.Encode(MyId, seq, write.Data)), Self);
    }

    private void Answer(long seq, Func<long, object> reply)
    {
        if (pending.Remove(seq, out var write))
        {
            write.Client.Tell(reply(write.RequestId), Self);
        }
    }

    private void ExpireOldWrites()
    {
        var now = Now;
        while (pending.Count > 0)
        {
            var (seq, write) = pending.First();
            if (now - write.SubmittedAt < WriteTimeout)
            {
                return;
            }
            pending.Remove(seq);
            write.Client.Tell(new WriteFailed(write.RequestId, "timed out waiting for the commit"), Self);
        }
    }

    private void FailAllPending(string reason)
    {
        foreach (var write in pending.Values)
        {
            write.Client.Tell(new WriteFailed(write.RequestId, reason), Self);
        }
        pending.Clear();
    }

    private sealed record PendingWrite(IActorRef Client, long RequestId, TimeSpan SubmittedAt);
}
