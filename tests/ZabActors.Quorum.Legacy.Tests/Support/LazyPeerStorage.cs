using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>
/// Storage that opens on first use, as a host might hand a peer storage it opens lazily: when opening
/// throws (a corrupt journal, an unreachable store), every access throws that error.
/// </summary>
internal sealed class LazyPeerStorage(Func<IPeerStorage> open) : IPeerStorage
{
    private readonly Lazy<IPeerStorage> storage = new(open, LazyThreadSafetyMode.ExecutionAndPublication);

    public ITxnLog Log => storage.Value.Log;

    public IEpochStore Epochs => storage.Value.Epochs;

    public ISnapshotStore Snapshots => storage.Value.Snapshots;
}
