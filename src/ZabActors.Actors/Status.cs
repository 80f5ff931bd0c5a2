namespace ZabActors.Actors;

/// <summary>Generic replies: <see cref="Success"/> and <see cref="Failure"/>; a Failure reply faults an Ask.</summary>
public static class Status
{
    public sealed record Success(object? Value)
    {
        public static readonly Success Instance = new((object?)null);
    }

    public sealed record Failure(Exception Cause, object? State = null);
}
