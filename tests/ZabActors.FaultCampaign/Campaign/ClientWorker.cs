using System.Collections.Concurrent;
using System.Globalization;
using ZabActors.FaultCampaign.Checking;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Campaign;

/// <summary>
/// One client of the load: a loop of single attempts (never retried: a retry is a new operation)
/// through a server chosen by its seeded generator among those the nemesis has not taken down.
/// Three in four operations are appends; the rest are sync reads, a marker appended through the
/// server and then that server's log read up to the marker. Each is recorded invoke, then ok with
/// its zxid (and the log seen), or unknown on a failure reply or a timeout: the node's
/// <c>WriteFailed</c> says the write may still have been committed.
/// </summary>
internal sealed class ClientWorker(
    int id, NodeEnsemble nodes, HistoryRecorder<Append, AppendResult> recorder, Random random,
    Func<IReadOnlyList<long>> targets, ConcurrentQueue<string> violations)
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(3);
    private readonly Dictionary<long, ServerLogView> views = [];

    public async Task RunAsync(CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var servers = targets();
            var sid = servers[random.Next(servers.Count)];
            var reads = random.Next(4) == 0;
            var value = (reads ? "r" : "w") + id.ToString(CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture);
            var op = recorder.Invoke(id, new Append(value, reads));
            var outcome = await nodes.WriteAsync(sid, value, WriteTimeout).ConfigureAwait(false);
            if (outcome.Zxid is not { } zxid)
            {
                recorder.Unknown(op);
                // A refusal comes at once (no leader yet): do not spin through the election.
                await Task.Delay(outcome.Failure is null ? 0 : 100 + random.Next(100), CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            if (!reads)
            {
                recorder.Ok(op, new AppendResult(zxid));
                continue;
            }
            var view = views.TryGetValue(sid, out var known) ? known : views[sid] = new ServerLogView(sid);
            var prefix = await view.PrefixBeforeAsync(nodes, zxid, value, violations).ConfigureAwait(false);
            recorder.Ok(op, new AppendResult(zxid, prefix));
        }
    }
}
