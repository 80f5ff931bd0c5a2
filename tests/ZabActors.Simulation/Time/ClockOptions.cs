using System.Globalization;

namespace ZabActors.Simulation.Time;

/// <summary>Every server's clock for one run (offset and drift), derived from the seed; a server without one runs on global time.</summary>
public sealed record ClockOptions
{
    public IReadOnlyDictionary<long, PeerClock> Peers { get; init; } = new Dictionary<long, PeerClock>();

    public PeerClock For(long sid) => Peers.TryGetValue(sid, out var clock) ? clock : new PeerClock(TimeSpan.Zero, 0);

    public override string ToString() =>
        Peers.Count == 0 ? "exact" : "drift " + string.Join(",", Peers.OrderBy(p => p.Key).Select(p => p.Value.DriftPpm.ToString(CultureInfo.InvariantCulture))) + "ppm";
}
