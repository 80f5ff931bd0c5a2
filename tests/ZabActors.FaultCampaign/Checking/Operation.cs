namespace ZabActors.FaultCampaign.Checking;

/// <summary>How a client operation ended, as its client saw it.</summary>
public enum OperationStatus
{
    /// <summary>The operation took effect and returned <see cref="Operation{TInput,TOutput}.Output"/>.</summary>
    Ok,

    /// <summary>The operation definitely did not take effect; the checker drops it.</summary>
    Fail,

    /// <summary>A timeout or a lost connection: it may or may not have taken effect, at any time after its call.</summary>
    Unknown,
}

/// <summary>
/// One client operation of a recorded history: what the client asked, what it got back, and when it
/// was called and returned on one logical clock shared by every client (a total order consistent with
/// real time). An unknown operation returns at <see cref="Infinity"/> and its output, if any, comes
/// from elsewhere (for example the final state of the servers).
/// </summary>
public sealed record Operation<TInput, TOutput>(int Id, int Client, TInput Input, TOutput? Output, long Call, long Return, OperationStatus Status)
    where TOutput : class
{
    /// <summary>The return time of an operation that may take effect at any point after its call.</summary>
    public const long Infinity = long.MaxValue;

    /// <summary>True when the operation is pending forever (unknown outcome).</summary>
    public bool ReturnsAtInfinity => Return == Infinity;

    /// <summary>True when this operation's interval overlaps <paramref name="other"/>'s.</summary>
    public bool Overlaps(Operation<TInput, TOutput> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Call < other.Return && other.Call < Return;
    }
}
