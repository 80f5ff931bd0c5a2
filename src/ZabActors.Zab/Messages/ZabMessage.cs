namespace ZabActors.Zab;

/// <summary>Anything peers send each other over the network: election notifications and quorum packets.</summary>
public abstract record ZabMessage;

/// <summary>A message to deliver to server <see cref="To"/>; the sender is the peer whose machine emitted it.</summary>
public sealed record Envelope(long To, ZabMessage Message);
