namespace ZabActors.Simulation.Time;

/// <summary>
/// One server's monotonic clock (after TigerBeetle's testing/time.zig): it starts at a seeded offset and
/// runs fast or slow against global virtual time by a seeded drift in parts per million, so the peers'
/// timeouts expire at different global moments. It keeps running while the server is down or paused (a
/// pause is the process stopping, not its clock). The peer's <c>PeerTick.Now</c> is this clock's reading.
/// </summary>
public sealed class PeerClock
{
    private const long PartsPerMillion = 1_000_000;

    public PeerClock(TimeSpan offset, int driftPpm)
    {
        if (offset < TimeSpan.Zero || Math.Abs(driftPpm) >= PartsPerMillion / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(driftPpm), "a clock starts at or after zero and drifts by less than half");
        }
        Offset = offset;
        DriftPpm = driftPpm;
    }

    public TimeSpan Offset { get; }

    /// <summary>Positive: the clock runs fast (its timeouts fire early in global time).</summary>
    public int DriftPpm { get; }

    /// <summary>The clock's reading at global time <paramref name="global"/>; never decreases as global time grows.</summary>
    public TimeSpan LocalAt(TimeSpan global) =>
        TimeSpan.FromTicks(Offset.Ticks + global.Ticks + global.Ticks / PartsPerMillion * DriftPpm + global.Ticks % PartsPerMillion * DriftPpm / PartsPerMillion);

    /// <summary>The earliest global time at which this clock reads at least <paramref name="local"/>.</summary>
    public TimeSpan GlobalWhen(TimeSpan local)
    {
        var estimate = (local.Ticks - Offset.Ticks) * (double)PartsPerMillion / (PartsPerMillion + DriftPpm);
        var global = TimeSpan.FromTicks(Math.Max(0, (long)estimate - 2));
        while (LocalAt(global) < local)
        {
            global += TimeSpan.FromTicks(1);
        }
        return global;
    }

    public override string ToString() => $"offset {Offset.TotalMilliseconds:0}ms drift {DriftPpm}ppm";
}
