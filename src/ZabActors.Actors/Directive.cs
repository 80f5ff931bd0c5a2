namespace ZabActors.Actors;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; drop the message that failed.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one (state lost); PreRestart/PostRestart run.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, for its own parent to decide.</summary>
    Escalate,
}
