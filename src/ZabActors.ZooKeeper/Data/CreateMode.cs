namespace ZabActors.ZooKeeper.Data;

/// <summary>The create flags of ZooKeeper's CreateMode, with their wire values.</summary>
public enum CreateMode
{
    Persistent = 0,
    Ephemeral = 1,
    PersistentSequential = 2,
    EphemeralSequential = 3,
    Container = 4,
    PersistentWithTtl = 5,
    PersistentSequentialWithTtl = 6,
}

/// <summary>What each create mode implies.</summary>
public static class CreateModes
{
    public static bool IsKnown(int flags) => flags is >= 0 and <= 6;

    public static bool IsEphemeral(this CreateMode mode) => mode is CreateMode.Ephemeral or CreateMode.EphemeralSequential;

    public static bool IsSequential(this CreateMode mode) =>
        mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential or CreateMode.PersistentSequentialWithTtl;

    public static bool IsTtl(this CreateMode mode) => mode is CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl;

    public static bool IsContainer(this CreateMode mode) => mode == CreateMode.Container;
}
