namespace ZabActors.Quorum;

/// <summary>
/// A peer's storage held in memory across the peer's restarts: only flushed log entries, saved
/// epochs and saved snapshots are durable. <see cref="Crash"/> discards everything appended but not
/// flushed; call it after stopping a peer and before starting it again to model a process crash.
/// </summary>
public sealed class InMemoryPeerStorage : IPeerStorage
{
    public InMemoryTxnLog Log { get; } = new();

    public InMemoryEpochStore Epochs { get; } = new();

    public InMemorySnapshotStore Snapshots { get; } = new();

    Zab.ITxnLog IPeerStorage.Log => Log;

    Zab.IEpochStore IPeerStorage.Epochs => Epochs;

    Zab.ISnapshotStore IPeerStorage.Snapshots => Snapshots;

    /// <summary>Loses whatever a process crash would lose: the unflushed tail of the log.</summary>
    public void Crash() => Log.DiscardUnflushed();
}
