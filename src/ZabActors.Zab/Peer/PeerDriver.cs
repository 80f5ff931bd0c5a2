namespace ZabActors.Zab;

/// <summary>
/// Drives one <see cref="QuorumPeer"/> for a shell, a test harness or the simulation (etcd's rawnode): it
/// steps inputs one at a time, drains the peer's <see cref="PeerReady"/> after each, and dispatches every
/// output to the <see cref="IPeerEffects"/> in the required order: storage first (in order), then
/// messages (in order), then events. Inputs stepped while outputs are being dispatched (a synchronous
/// storage confirmation, say) wait in a queue and are stepped once the dispatch is done, so the peer
/// never sees an input in the middle of its own outputs.
/// </summary>
public sealed class PeerDriver
{
    /// <summary>Inputs stepped during a dispatch; far more than any dispatch produces, so reaching it is a loop.</summary>
    private const int QueueLimit = 1_000_000;

    private readonly Queue<IPeerInput> queue = new();
    private bool running;

    public PeerDriver(QuorumPeer peer, IPeerEffects effects)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(effects);
        Peer = peer;
        Effects = effects;
    }

    public QuorumPeer Peer { get; }

    public IPeerEffects Effects { get; }

    public void Step(IPeerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (queue.Count >= QueueLimit)
        {
            throw new InvalidOperationException("the driver's input queue is full: an executor keeps stepping inputs from its own outputs");
        }
        queue.Enqueue(input);
        if (running)
        {
            return;
        }
        running = true;
        try
        {
            while (queue.TryDequeue(out var next))
            {
                Peer.Step(next);
                Dispatch(Peer.TakeReady(), Effects);
            }
        }
        finally
        {
            running = false;
        }
    }

    /// <summary>Steps the time first, then the input: how a shell that reads a clock on every message delivers it.</summary>
    public void Step(TimeSpan now, IPeerInput input)
    {
        Tick(now);
        Step(input);
    }

    /// <summary>Steps <see cref="PeerTick"/>(<paramref name="now"/>).</summary>
    public void Tick(TimeSpan now) => Step(new PeerTick(now));

    /// <summary>Carries out one <see cref="PeerReady"/>: storage, then messages, then events. An unknown output kind throws.</summary>
    public static void Dispatch(PeerReady ready, IPeerEffects effects)
    {
        ArgumentNullException.ThrowIfNull(ready);
        ArgumentNullException.ThrowIfNull(effects);
        foreach (var op in ready.Storage)
        {
            DispatchStorage(op, effects);
        }
        foreach (var message in ready.Messages)
        {
            DispatchMessage(message, effects);
        }
        foreach (var evt in ready.Events)
        {
            effects.Publish(evt);
        }
    }

    private static void DispatchStorage(StorageOp op, IPeerEffects effects)
    {
        switch (op)
        {
            case AppendTxns append:
                effects.AppendTxns(append);
                break;
            case SaveEpochs save:
                effects.SaveEpochs(save);
                break;
            case WriteSnapshot write:
                effects.WriteSnapshot(write);
                break;
            case DeleteSnapshotsAfter delete:
                effects.DeleteSnapshotsAfter(delete);
                break;
            case TruncateLog truncate:
                effects.TruncateLog(truncate);
                break;
            case PurgeBefore purge:
                effects.PurgeBefore(purge);
                break;
            case LoadDisk load:
                effects.LoadDisk(load);
                break;
            default:
                throw new InvalidOperationException($"the peer's executor does not know the storage operation {op}");
        }
    }

    private static void DispatchMessage(PeerMessage message, IPeerEffects effects)
    {
        switch (message)
        {
            case SendNotification notification:
                effects.SendNotification(notification);
                break;
            case OpenLink open:
                effects.OpenLink(open);
                break;
            case SendPacket packet:
                effects.SendPacket(packet);
                break;
            case CloseLink close:
                effects.CloseLink(close);
                break;
            default:
                throw new InvalidOperationException($"the peer's executor does not know the message {message}");
        }
    }
}
