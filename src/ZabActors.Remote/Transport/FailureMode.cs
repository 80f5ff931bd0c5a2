namespace ZabActors.Remote.Transport;

/// <summary>
/// What a <see cref="FailureInjectorTransportAdapter"/> does to the frames exchanged with one peer
/// (Akka's FailureInjector modes, plus delay and a partition that keeps streams gap-free).
/// </summary>
public abstract record FailureMode
{
    /// <summary>Frames pass untouched.</summary>
    public static FailureMode PassThrough { get; } = new PassThroughMode();

    /// <summary>
    /// A network partition: frames in both directions are dropped and new associations fail. A handle
    /// that lost a frame stays silent even after the partition heals, as a TCP connection cut by a
    /// partition stays dead, so every association still carries a gap-free prefix of what was sent
    /// and it is the heartbeat failure detector that closes it.
    /// </summary>
    public static FailureMode Blackhole { get; } = new BlackholeMode();

    /// <summary>Drops single frames at random (seeded). Unlike a partition this leaves gaps in a stream.</summary>
    public static FailureMode Drop(double outboundProbability, double inboundProbability) =>
        new DropMode(outboundProbability, inboundProbability);

    /// <summary>Holds every frame, in both directions, for <paramref name="duration"/> while keeping order.</summary>
    public static FailureMode Delay(TimeSpan duration) => new DelayMode(duration);
}

/// <summary>See <see cref="FailureMode.PassThrough"/>.</summary>
public sealed record PassThroughMode : FailureMode;

/// <summary>See <see cref="FailureMode.Blackhole"/>.</summary>
public sealed record BlackholeMode : FailureMode;

/// <summary>See <see cref="FailureMode.Drop"/>: the chance of losing each outbound and each inbound frame.</summary>
public sealed record DropMode : FailureMode
{
    public DropMode(double outboundProbability, double inboundProbability)
    {
        if (outboundProbability is < 0 or > 1 || inboundProbability is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(outboundProbability), "probabilities must be within 0..1");
        OutboundProbability = outboundProbability;
        InboundProbability = inboundProbability;
    }

    public double OutboundProbability { get; }
    public double InboundProbability { get; }
}

/// <summary>See <see cref="FailureMode.Delay"/>: how long each frame is held.</summary>
public sealed record DelayMode : FailureMode
{
    public DelayMode(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), "delay must not be negative");
        Duration = duration;
    }

    public TimeSpan Duration { get; }
}
