using System.Collections.Concurrent;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Campaign;

/// <summary>
/// One client's copy of what one server has applied, read incrementally (only the transactions after
/// the last one seen), so that a sync read costs what is new rather than the whole log. Every
/// <see cref="RecheckEvery"/>th read fetches the newest <see cref="RecheckWindow"/> transactions of the
/// copy again and checks the server still holds them (a restarted server may still be catching up and
/// hold fewer): a server's applied log only grows. The window keeps the cost flat as the log grows;
/// the final check compares whole logs.
/// </summary>
internal sealed class ServerLogView(long sid)
{
    private const int RecheckEvery = 50;
    private const int RecheckWindow = 2000;
    private readonly List<LogEntry> entries = [];
    private int reads;

    /// <summary>
    /// Reads the server's log until it holds <paramref name="zxid"/>, checks the transaction there is
    /// <paramref name="marker"/>, and returns the log before it; null when the server does not answer.
    /// Violations of the server's own history go to <paramref name="violations"/>.
    /// </summary>
    public async Task<LogPrefix?> PrefixBeforeAsync(NodeEnsemble nodes, long zxid, string marker, ConcurrentQueue<string> violations)
    {
        if (++reads % RecheckEvery == 0 && !await RecheckAsync(nodes, violations).ConfigureAwait(false))
        {
            return null;
        }
        for (var attempt = 0; attempt < 20 && (entries.Count == 0 || entries[^1].Zxid < zxid); attempt++)
        {
            var after = entries.Count == 0 ? 0 : entries[^1].Zxid;
            var fresh = await nodes.HistoryAsync(sid, TimeSpan.FromSeconds(2), after).ConfigureAwait(false);
            if (fresh is null)
            {
                return null;
            }
            entries.AddRange(fresh);
            if (fresh.Count == 0)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
        var index = entries.FindLastIndex(e => e.Zxid <= zxid);
        if (index < 0 || entries[index].Zxid != zxid || entries[index].Value != marker)
        {
            var found = index < 0 ? "nothing" : $"{entries[index].Value} at 0x{entries[index].Zxid:x}";
            violations.Enqueue($"server {sid} acknowledged {marker} at 0x{zxid:x} but its log holds {found} there");
            return null;
        }
        var digest = LogDigest.Empty;
        for (var i = 0; i < index; i++)
        {
            digest = LogDigest.Extend(digest, entries[i].Value);
        }
        return new LogPrefix(index, digest, index == 0 ? 0 : entries[index - 1].Zxid);
    }

    private async Task<bool> RecheckAsync(NodeEnsemble nodes, ConcurrentQueue<string> violations)
    {
        var start = Math.Max(0, entries.Count - RecheckWindow);
        var anchor = start == 0 ? 0 : entries[start - 1].Zxid;
        var again = await nodes.HistoryAsync(sid, TimeSpan.FromSeconds(3), anchor).ConfigureAwait(false);
        if (again is null)
        {
            return false;
        }
        var common = Math.Min(again.Count, entries.Count - start);
        for (var i = 0; i < common; i++)
        {
            if (again[i] != entries[start + i])
            {
                var before = entries[start + i];
                violations.Enqueue($"server {sid}'s log changed at position {start + i}: read {before.Value} at 0x{before.Zxid:x} before, now {again[i].Value} at 0x{again[i].Zxid:x}");
                break;
            }
        }
        if (again.Count > entries.Count - start)
        {
            entries.AddRange(again.Skip(entries.Count - start));
        }
        return true;
    }
}
