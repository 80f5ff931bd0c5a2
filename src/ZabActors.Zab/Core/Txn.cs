namespace ZabActors.Zab;

/// <summary>One transaction of the replicated log: its zxid and the opaque payload the state machine applies.</summary>
public sealed record Txn(Zxid Zxid, Bytes Data)
{
    public override string ToString() => $"Txn({Zxid}, {Data})";
}

/// <summary>A state-machine snapshot that reflects every transaction up to and including <see cref="Zxid"/>.</summary>
public sealed record Snapshot(Zxid Zxid, Bytes Data)
{
    public override string ToString() => $"Snapshot({Zxid}, {Data})";
}
