namespace ZabActors.Actors;

/// <summary>Messages the runtime handles itself before the actor's receive sees them (PoisonPill, Kill, Identify, Terminated).</summary>
public interface IAutoReceivedMessage
{
}

/// <summary>Messages that do not reset the receive-timeout clock (timer ticks, for instance).</summary>
public interface INotInfluenceReceiveTimeout
{
}

/// <summary>Messages whose loss is not worth logging as a dead letter.</summary>
public interface IDeadLetterSuppression
{
}

/// <summary>Messages that could harm a system if received from an untrusted peer.</summary>
public interface IPossiblyHarmful
{
}
