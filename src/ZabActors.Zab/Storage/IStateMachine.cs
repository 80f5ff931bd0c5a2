namespace ZabActors.Zab;

/// <summary>The replicated application (ZooKeeper's data tree). Implemented by the layer above Zab.</summary>
public interface IStateMachine
{
    /// <summary>The zxid of the last transaction applied (or restored from a snapshot).</summary>
    Zxid LastApplied { get; }

    /// <summary>Applies one committed transaction; zxids ascend.</summary>
    void Apply(Txn txn);

    /// <summary>Serializes the state reflecting every transaction up to <see cref="LastApplied"/>.</summary>
    Snapshot TakeSnapshot();

    /// <summary>Replaces the state with the snapshot's.</summary>
    void Restore(Snapshot snapshot);
}

/// <summary>Durable snapshots of the state machine. Implemented by the drivers (SnapshotActor).</summary>
public interface ISnapshotStore
{
    /// <summary>Durably writes the snapshot before it returns.</summary>
    void Save(Snapshot snapshot);

    /// <summary>The most recent durable snapshot, or null if none was ever saved.</summary>
    Snapshot? LoadLatest();
}
