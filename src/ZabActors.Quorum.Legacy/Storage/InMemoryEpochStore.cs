using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>ZooKeeper's two epoch files in memory; every save is durable when it returns. Thread-safe.</summary>
public sealed class InMemoryEpochStore : IEpochStore
{
    private readonly object gate = new();
    private long acceptedEpoch;
    private long currentEpoch;

    public long AcceptedEpoch
    {
        get
        {
            lock (gate)
            {
                return acceptedEpoch;
            }
        }
    }

    public long CurrentEpoch
    {
        get
        {
            lock (gate)
            {
                return currentEpoch;
            }
        }
    }

    public void Save(long? acceptedEpoch, long? currentEpoch)
    {
        lock (gate)
        {
            this.acceptedEpoch = acceptedEpoch ?? this.acceptedEpoch;
            this.currentEpoch = currentEpoch ?? this.currentEpoch;
        }
    }
}
