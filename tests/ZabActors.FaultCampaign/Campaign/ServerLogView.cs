using System.Collections.Concurrent;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Campaign;

/// <summary>
/// One client's copy of what one server has applied, read incrementally (only the transactions after
/// the last one seen), so that a sync read costs what is new rather than the whole log. Every
/// <see cref="FullReadEvery"/>th read fetches the whole log again and checks the copy is a prefix of
/// it or it of the copy (a restarted server may still be catching up): a server's applied log only grows.
/// </summary>
internal sealed class ServerLogView(long sid)
{
    private const int FullReadEvery = 50;
    private readonly List<LogEntry> entries = [];
    private int reads;

    /// <summary>
    /// Reads the server's log until it holds <paramref name="zxid"/>, checks the transaction there is
    /// <paramref name="marker"/>, and returns the log before it; null when the server does not answer.
    /// Violations of the server's own history go to <paramref name="violations"/>.
    /// </summary>
    public async Task<LogPrefix?> PrefixBeforeAsync(NodeEnsemble nodes, long zxid, string marker, ConcurrentQueue<string> violations)
    {
        if (++reads % FullReadEvery == 0 && !await VerifyAsync(nodes, violations).ConfigureAwait(false))
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

    private async Task<bool> VerifyAsync(NodeEnsemble nodes, ConcurrentQueue<string> violations)
    {
        var whole = await nodes.HistoryAsync(sid, TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        if (whole is null)
        {
            return false;
        }
        var common = Math.Min(whole.Count, entries.Count);
        for (var i = 0; i < common; i++)
        {
            if (whole[i] != entries[i])
            {
                violations.Enqueue($"server {sid}'s log changed at position {i}: read {entries[i].Value} at 0x{entries[i].Zxid:x} before, now {whole[i].Value} at 0x{whole[i].Zxid:x}");
                break;
            }
        }
        if (whole.Count > entries.Count)
        {
            entries.AddRange(whole.Skip(entries.Count));
        }
        return true;
    }
}
