namespace ZabActors.Actors;

/// <summary>Generic replies: <see cref="Success"/> and <see cref="Failure"/>; a Failure reply faults an Ask.</summary>
public static class Status
{
    /// <summary>A request succeeded; <see cref="Value"/> optionally carries its result.</summary>
    public sealed record Success(object? Value)
    {
        public static readonly Success Instance = new((object?)null);
    }

    /// <summary>A request failed with <see cref="Cause"/>; as the reply to an Ask it faults the task.</summary>
    public sealed record Failure(Exception Cause, object? State = null);
}
