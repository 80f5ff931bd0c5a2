namespace ZabActors.Simulation.Network;

/// <summary>Counts of what the simulated network did in one run, for the run summary.</summary>
public sealed class NetworkStatistics
{
    public long ElectionDelivered { get; set; }

    public long ElectionLost { get; set; }

    public long ElectionReplayed { get; set; }

    private readonly Dictionary<(long From, long To), long> electionByLink = new();

    public void CountElection(long from, long to) =>
        electionByLink[(from, to)] = electionByLink.GetValueOrDefault((from, to)) + 1;

    /// <summary>The links that carried the most election notifications, busiest first (for a message-storm report).</summary>
    public string BusiestElectionLinks(int count) =>
        string.Join(", ", electionByLink.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Take(count).Select(e => $"{e.Key.From}->{e.Key.To}: {e.Value}"));

    public long ConnectionsOpened { get; set; }

    public long ConnectionsClosed { get; set; }

    public long ConnectsRefused { get; set; }

    public long PacketsSent { get; set; }

    /// <summary>Packets sent on a connection that was closed before they arrived.</summary>
    public long PacketsDiscarded { get; set; }

    /// <summary>Packets sent on a connection that was already closed.</summary>
    public long PacketsOnClosed { get; set; }

    public override string ToString() =>
        $"election delivered={ElectionDelivered} lost={ElectionLost} replayed={ElectionReplayed}; " +
        $"connections opened={ConnectionsOpened} closed={ConnectionsClosed} refused={ConnectsRefused}; " +
        $"packets sent={PacketsSent} discarded={PacketsDiscarded} on-closed={PacketsOnClosed}";
}
