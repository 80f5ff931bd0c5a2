namespace ZabActors.Simulation.Storage;

/// <summary>Which storage the peers of a run write to.</summary>
public enum StorageMode
{
    /// <summary>The simulation's own disk (<see cref="SimulatedDisk"/>): the Quorum layer's storage seam, faults at transaction granularity.</summary>
    Memory,

    /// <summary>The persistence plugin: <c>JournalPeerStorage</c> over <c>MemoryJournal</c>/<c>MemorySnapshotStore</c>, crash points around its fsync (<see cref="JournalDisk"/>).</summary>
    Journal,
}
