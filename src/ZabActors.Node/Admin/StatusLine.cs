using System.Globalization;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Admin;

/// <summary>
/// Formats one server's status as the single line the <c>status</c> command prints, e.g.
/// <c>id=2 state=FOLLOWING epoch=3 zxid=0x300000012 leader=1 lag=0 phase=BROADCAST</c>. <c>epoch</c>
/// is the current epoch, <c>zxid</c> the last applied transaction; <c>lag</c> counts the transactions
/// this server has applied fewer than the most advanced answering server of the same epoch (<c>?</c>
/// when it is still in an older epoch); <c>phase</c> is the Zab phase (BROADCAST once established).
/// </summary>
public static class StatusLine
{
    public static string Format(long sid, NodeStatus? node, Zxid newestApplied)
    {
        if (node is null)
            return $"id={sid} state=DOWN";
        var status = node.Peer;
        var lag = status.LastAppliedZxid.Epoch == newestApplied.Epoch
            ? (newestApplied.Counter - status.LastAppliedZxid.Counter).ToString(CultureInfo.InvariantCulture)
            : "?";
        var leader = status.LeaderSid?.ToString(CultureInfo.InvariantCulture) ?? "-";
        return $"id={sid} state={status.State.ToString().ToUpperInvariant()} epoch={status.CurrentEpoch} zxid={status.LastAppliedZxid} leader={leader} lag={lag} phase={node.Phase.ToString().ToUpperInvariant()}";
    }

    /// <summary>One line per server in id order.</summary>
    public static IEnumerable<string> FormatAll(IReadOnlyDictionary<long, NodeStatus?> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var newest = statuses.Values.Where(s => s is not null).Select(s => s!.Peer.LastAppliedZxid).DefaultIfEmpty(Zxid.Zero).Max();
        return statuses.OrderBy(e => e.Key).Select(e => Format(e.Key, e.Value, newest));
    }
}
