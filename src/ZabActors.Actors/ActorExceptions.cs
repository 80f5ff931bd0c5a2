namespace ZabActors.Actors;

/// <summary>Base of the runtime's own exceptions.</summary>
public class ActorException : Exception
{
    public ActorException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}

/// <summary>An actor failed while being created (constructor or PreStart); the default supervisor stops it.</summary>
public class ActorInitializationException : ActorException
{
    public ActorInitializationException(IActorRef? actor, string message, Exception? inner = null)
        : base(actor is null ? message : $"{actor.Path}: {message}", inner)
    {
        Actor = actor;
    }

    public IActorRef? Actor { get; }
}

/// <summary>An actor failed while being re-created after a restart (constructor or PostRestart).</summary>
public sealed class PostRestartException : ActorInitializationException
{
    public PostRestartException(IActorRef actor, Exception cause, Exception originalCause)
        : base(actor, $"exception post restart ({originalCause.GetType().Name})", cause)
    {
        OriginalCause = originalCause;
    }

    public Exception OriginalCause { get; }
}

/// <summary>Thrown inside an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException : ActorException
{
    public ActorKilledException(string message) : base(message)
    {
    }
}

/// <summary>Thrown when an actor does not handle the <see cref="Terminated"/> of an actor it watches.</summary>
public sealed class DeathPactException : ActorException
{
    public DeathPactException(IActorRef deadActor)
        : base($"monitored actor {deadActor} terminated and the watcher did not handle Terminated")
    {
        DeadActor = deadActor;
    }

    public IActorRef DeadActor { get; }
}

/// <summary>An Ask got no reply within its timeout.</summary>
public sealed class AskTimeoutException : ActorException
{
    public AskTimeoutException(string message) : base(message)
    {
    }
}

/// <summary>An actor name is malformed or already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ActorException
{
    public InvalidActorNameException(string message) : base(message)
    {
    }
}

/// <summary>A message was null or otherwise unusable.</summary>
public sealed class InvalidMessageException : ActorException
{
    public InvalidMessageException(string message) : base(message)
    {
    }
}

/// <summary>An actor used the runtime in a way its current state does not allow.</summary>
public sealed class IllegalActorStateException : ActorException
{
    public IllegalActorStateException(string message) : base(message)
    {
    }
}

/// <summary>A stash reached its capacity; the actor fails instead of growing without bound.</summary>
public sealed class StashOverflowException : ActorException
{
    public StashOverflowException(string message) : base(message)
    {
    }
}

/// <summary>An actor selection resolved to no actor.</summary>
public sealed class ActorNotFoundException : ActorException
{
    public ActorNotFoundException(string message) : base(message)
    {
    }
}
