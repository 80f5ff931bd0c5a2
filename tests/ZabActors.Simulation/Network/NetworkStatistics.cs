namespace ZabActors.Simulation.Network;

/// <summary>Counts of what the simulated network did in one run, for the run summary.</summary>
public sealed class NetworkStatistics
{
    public long ElectionDelivered { get; set; }

    public long ElectionLost { get; set; }

    public long ElectionReplayed { get; set; }

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
