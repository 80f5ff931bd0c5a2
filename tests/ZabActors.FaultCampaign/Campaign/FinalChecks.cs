using ZabActors.FaultCampaign.Checking;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Campaign;

/// <summary>
/// The end-of-campaign checks on the servers' logs, and the completion of the client history from them:
/// (b) every server's log is a prefix of one sequence, with no value twice and none that no client
/// sent; (a) every acknowledged append is in that sequence at the zxid it was acknowledged with. An
/// unknown append found in the sequence gets its zxid (it took effect, at some time after its call);
/// one not found is dropped as failed (it never took effect), as etcd's robustness tests complete
/// their histories from the persisted requests.
/// </summary>
internal static class FinalChecks
{
    /// <summary>The longest log, when every log is a prefix of it; otherwise null with the divergence in <paramref name="violations"/>.</summary>
    public static IReadOnlyList<LogEntry>? CommonSequence(IReadOnlyDictionary<long, IReadOnlyList<LogEntry>> logs, List<string> violations)
    {
        var (longestSid, longest) = logs.MaxBy(l => l.Value.Count);
        foreach (var (sid, log) in logs)
        {
            var at = Enumerable.Range(0, log.Count).FirstOrDefault(i => log[i] != longest[i], -1);
            if (at >= 0)
            {
                violations.Add($"server {sid}'s log diverges from server {longestSid}'s at position {at}: " +
                    $"{log[at].Value} at 0x{log[at].Zxid:x} against {longest[at].Value} at 0x{longest[at].Zxid:x}");
                return null;
            }
        }
        return longest;
    }

    /// <summary>Checks the sequence against the history and returns the history completed from it.</summary>
    public static IReadOnlyList<Operation<Append, AppendResult>> Complete(
        IReadOnlyList<Operation<Append, AppendResult>> history, IReadOnlyList<LogEntry> sequence, List<string> violations)
    {
        var committed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in sequence)
        {
            if (!committed.TryAdd(entry.Value, entry.Zxid))
            {
                violations.Add($"{entry.Value} is in the log twice (0x{committed[entry.Value]:x} and 0x{entry.Zxid:x})");
            }
        }
        var sent = history.Select(op => op.Input.Value).ToHashSet(StringComparer.Ordinal);
        violations.AddRange(sequence.Where(e => !sent.Contains(e.Value)).Take(5).Select(e => $"{e.Value} at 0x{e.Zxid:x} was never sent by a client"));
        var completed = new List<Operation<Append, AppendResult>>(history.Count);
        foreach (var op in history)
        {
            var found = committed.TryGetValue(op.Input.Value, out var zxid);
            if (op.Status == OperationStatus.Ok && (!found || zxid != op.Output!.Zxid))
            {
                violations.Add($"acknowledged {op.Input} at 0x{op.Output!.Zxid:x} is " + (found ? $"at 0x{zxid:x} in the log" : "not in the log (lost)"));
            }
            completed.Add(op.Status != OperationStatus.Unknown ? op
                : found ? op with { Output = new AppendResult(zxid) }
                : op with { Status = OperationStatus.Fail });
        }
        return completed;
    }
}
