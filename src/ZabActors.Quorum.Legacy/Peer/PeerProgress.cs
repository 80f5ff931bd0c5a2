using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// The peer's durable position and applied position, written by the one actor that owns each
/// (the TxnLogActor and the current applier) and read by the root to answer status requests without
/// touching storage or the state machine from another thread.
/// </summary>
internal sealed class PeerProgress
{
    private long acceptedEpoch;
    private long currentEpoch;
    private long lastLoggedZxid;
    private long lastAppliedZxid;

    public long AcceptedEpoch
    {
        get => Volatile.Read(ref acceptedEpoch);
        set => Volatile.Write(ref acceptedEpoch, value);
    }

    public long CurrentEpoch
    {
        get => Volatile.Read(ref currentEpoch);
        set => Volatile.Write(ref currentEpoch, value);
    }

    /// <summary>The last durable (flushed) zxid of the log, or of the installed snapshot.</summary>
    public Zxid LastLoggedZxid
    {
        get => new(Volatile.Read(ref lastLoggedZxid));
        set => Volatile.Write(ref lastLoggedZxid, value.Value);
    }

    public Zxid LastAppliedZxid
    {
        get => new(Volatile.Read(ref lastAppliedZxid));
        set => Volatile.Write(ref lastAppliedZxid, value.Value);
    }
}
