namespace ZabActors.Zab;

/// <summary>
/// The two epoch files of ZooKeeper's <c>QuorumPeer</c>: the last epoch this peer accepted in discovery
/// and the epoch of the leader whose history it holds. Implemented by the drivers.
/// </summary>
public interface IEpochStore
{
    long AcceptedEpoch { get; }

    long CurrentEpoch { get; }

    /// <summary>Durably writes the epochs before it returns; a null keeps the stored value.</summary>
    void Save(long? acceptedEpoch, long? currentEpoch);
}
