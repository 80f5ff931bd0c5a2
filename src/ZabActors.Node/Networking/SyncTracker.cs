using System.Diagnostics;
using ZabActors.Zab;

namespace ZabActors.Node.Networking;

/// <summary>
/// Watches the synchronization phase of one learner connection as its packets pass through the
/// network (the leader's outbound, the learner's inbound): which mode the leader chose (DIFF, TRUNC,
/// SNAP), how many transactions and bytes it carried and how long it took until NEWLEADER. It yields
/// one summary line per sync, so both nodes log what ZooKeeper logs as "Sending DIFF/TRUNC/SNAP".
/// </summary>
internal sealed class SyncTracker
{
    private string? mode;
    private long startedAt;
    private long txns;
    private long bytes;
    private bool done;

    /// <summary>Feeds one packet sent by the leader; returns a summary when it completes the sync.</summary>
    public string? Observe(QuorumPacket packet)
    {
        if (done)
            return null;
        switch (packet)
        {
            case Diff or Trunc or Snap:
                var name = packet switch { Diff => "DIFF", Trunc => "TRUNC", _ => "SNAP" };
                if (mode is null)
                    startedAt = Stopwatch.GetTimestamp();
                mode = mode is null ? name : $"{mode}+{name}";
                if (packet is Snap snap)
                    bytes += snap.Snapshot.Data.Length;
                return null;
            case Proposal proposal when mode is not null:
                txns++;
                bytes += proposal.Txn.Data.Length;
                return null;
            case NewLeader newLeader when mode is not null:
                done = true;
                var ms = (long)Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
                return $"{mode}: {txns} txns, {bytes} bytes, NEWLEADER {newLeader.Zxid}, {ms} ms";
            default:
                return null;
        }
    }
}
