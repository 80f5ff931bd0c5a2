namespace ZabActors.Zab;

/// <summary>
/// Input from the network broke the protocol (unknown sender, packet out of order, epoch from the
/// past) and was dropped or ended the session. Log it; the text is short and stable.
/// </summary>
public sealed record ProtocolViolation(long From, string What) : IZabEvent, IPeerEvent
{
    public override string ToString() => $"violation from {From}: {What}";
}

/// <summary>The peer entered a new Zab phase (the QuorumPeer's ZabState).</summary>
public sealed record ZabStateChanged(ZabState State) : IZabEvent;
