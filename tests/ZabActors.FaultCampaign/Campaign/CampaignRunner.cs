using System.Collections.Concurrent;
using System.Diagnostics;
using ZabActors.FaultCampaign.Checking;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Campaign;

/// <summary>
/// Runs one campaign: starts the ensemble, waits for a leader, starts the clients, then plays the
/// rounds (choose a fault, wait, inject, hold, heal, let the ensemble recover) printing one line per
/// round; at the end stops the load, heals everything, waits for the servers to agree on a leader and
/// one log, and checks (a) no acknowledged write lost, (b) one sequence, (c) a linearizable history.
/// </summary>
public sealed class CampaignRunner(CampaignOptions options, TextWriter output)
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ConvergenceTimeout = TimeSpan.FromSeconds(60);
    private readonly HistoryRecorder<Append, AppendResult> recorder = new();
    private readonly ConcurrentQueue<string> readViolations = new();
    private readonly Dictionary<FaultKind, int> faults = Enum.GetValues<FaultKind>().ToDictionary(k => k, _ => 0);
    private readonly Stopwatch clock = new();

    /// <summary>
    /// Rewrites the completed history before it is checked: a test plants a violation this way to show
    /// that the campaign reports it (a checker that never fails proves nothing).
    /// </summary>
    internal Func<IReadOnlyList<Operation<Append, AppendResult>>, IReadOnlyList<Operation<Append, AppendResult>>>? PlantViolation { get; init; }

    /// <summary>Runs the campaign; <paramref name="interrupt"/> ends the rounds early (the final checks still run).</summary>
    public async Task<CampaignReport> RunAsync(CancellationToken interrupt = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock.Start();
        output.WriteLine($"fault campaign: seed {options.Seed}, ensemble {options.EnsembleName}, {options.Rounds} rounds of {options.RoundSeconds}s, {options.Clients} clients");
        output.WriteLine($"replay: {options.ReplayCommand}");
        var random = new Random(unchecked((int)options.Seed ^ (int)(options.Seed >> 32)));
        await using var nodes = NodeEnsemble.Create(options.Voters, options.Observers);
        nodes.StartAll();
        if (await WaitSettledAsync(nodes, nodes.Servers, TimeSpan.FromSeconds(60)).ConfigureAwait(false) is null)
        {
            output.WriteLine($"no leader at start: {await nodes.StatusTextAsync().ConfigureAwait(false)}");
            return Report(CampaignExitCodes.NoConvergence, 0, [], null, converged: false, logLength: 0);
        }
        var nemesis = new Nemesis(nodes, random);
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(1, options.Clients)
            .Select(id => new ClientWorker(id, nodes, recorder, new Random(random.Next()), nemesis.Reachable, readViolations).RunAsync(stop.Token))
            .ToList();
        for (var round = 1; round <= options.Rounds && !interrupt.IsCancellationRequested; round++)
        {
            await RoundAsync(round, nodes, nemesis, random).ConfigureAwait(false);
        }
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(clients).ConfigureAwait(false);
        output.WriteLine($"load stopped after {recorder.Count} operations; healing: {await nemesis.HealAllAsync().ConfigureAwait(false)}");
        var report = await FinishAsync(nodes).ConfigureAwait(false);
        if (report.ExitCode != CampaignExitCodes.Ok)
        {
            DumpLogs(nodes);
        }
        output.WriteLine(report.FinalLine(options));
        return report;
    }

    private async Task RoundAsync(int round, NodeEnsemble nodes, Nemesis nemesis, Random random)
    {
        var kind = nemesis.Choose();
        var roundTime = TimeSpan.FromSeconds(options.RoundSeconds);
        var lead = roundTime * (0.1 + (0.2 * random.NextDouble()));
        var hold = roundTime * (0.3 + (0.3 * random.NextDouble()));
        var before = recorder.Count;
        await Task.Delay(lead).ConfigureAwait(false);
        var fault = await nemesis.InjectAsync(kind).ConfigureAwait(false);
        faults[kind]++;
        await Task.Delay(hold).ConfigureAwait(false);
        var healed = await fault.HealAsync().ConfigureAwait(false);
        var rest = roundTime - lead - hold;
        await Task.Delay(rest > TimeSpan.Zero ? rest : TimeSpan.Zero).ConfigureAwait(false);
        var recovery = Stopwatch.StartNew();
        var leader = await WaitSettledAsync(nodes, nemesis.Running(), RecoveryTimeout).ConfigureAwait(false);
        var settled = leader is { } l ? $"leader {l} settled after {recovery.Elapsed.TotalSeconds:0.0}s" : $"NOT settled within {RecoveryTimeout.TotalSeconds:0}s";
        output.WriteLine($"round {round}/{options.Rounds} +{clock.Elapsed.TotalSeconds:0.0}s: {fault.Description} at +{lead.TotalSeconds:0.0}s, " +
            $"held {hold.TotalSeconds:0.0}s; {healed}; {settled}; {recorder.Count - before} ops");
    }

    private async Task<CampaignReport> FinishAsync(NodeEnsemble nodes)
    {
        var violations = new List<string>(readViolations);
        if (await WaitSettledAsync(nodes, nodes.Servers, ConvergenceTimeout).ConfigureAwait(false) is null)
        {
            output.WriteLine($"no settled leader after healing: {await nodes.StatusTextAsync().ConfigureAwait(false)}");
            return Report(CampaignExitCodes.NoConvergence, 0, violations, null, converged: false, logLength: 0);
        }
        var (sequence, converged) = await AwaitOneLogAsync(nodes, violations).ConfigureAwait(false);
        if (sequence is null)
        {
            return Report(CampaignExitCodes.InvariantViolated, 0, violations, null, converged, 0);
        }
        var completed = FinalChecks.Complete(recorder.Operations(), sequence, violations);
        completed = PlantViolation?.Invoke(completed) ?? completed;
        var applied = completed.Count(op => op.Status == OperationStatus.Unknown);
        var check = LinearizabilityChecker.Check(new AppendLogModel(), completed);
        foreach (var line in violations)
        {
            output.WriteLine("violation: " + line);
        }
        output.WriteLine($"linearizability: {check}");
        var code = violations.Count > 0 ? CampaignExitCodes.InvariantViolated
            : check.Verdict == Verdict.NotLinearizable ? CampaignExitCodes.NotLinearizable
            : !converged ? CampaignExitCodes.NoConvergence
            : check.Verdict == Verdict.Unknown ? CampaignExitCodes.CheckUndecided
            : CampaignExitCodes.Ok;
        return Report(code, applied, violations, check, converged, sequence.Count);
    }

    /// <summary>Polls every server's log until all are equal; a log that is not a prefix of the longest is a violation at once.</summary>
    private async Task<(IReadOnlyList<LogEntry>? Sequence, bool Converged)> AwaitOneLogAsync(NodeEnsemble nodes, List<string> violations)
    {
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<LogEntry>? sequence = null;
        while (deadline.Elapsed < ConvergenceTimeout)
        {
            var logs = new Dictionary<long, IReadOnlyList<LogEntry>>();
            foreach (var sid in nodes.Servers)
            {
                if (await nodes.HistoryAsync(sid, TimeSpan.FromSeconds(5)).ConfigureAwait(false) is { } log)
                {
                    logs[sid] = log;
                }
            }
            if (logs.Count > 0)
            {
                sequence = FinalChecks.CommonSequence(logs, violations);
                if (sequence is null)
                {
                    return (null, false);
                }
                if (logs.Count == nodes.Servers.Count && logs.Values.All(l => l.Count == sequence.Count))
                {
                    output.WriteLine($"converged: {nodes.Servers.Count} servers hold the same log of {sequence.Count} transactions");
                    return (sequence, true);
                }
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        output.WriteLine($"the servers' logs did not converge within {ConvergenceTimeout.TotalSeconds:0}s: {await nodes.StatusTextAsync().ConfigureAwait(false)}");
        return (sequence, false);
    }

    private static async Task<long?> WaitSettledAsync(NodeEnsemble nodes, IReadOnlyCollection<long> members, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (await nodes.SettledLeaderAsync(members).ConfigureAwait(false) is { } leader)
            {
                return leader;
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        return null;
    }

    private CampaignReport Report(int code, int unknownApplied, IReadOnlyList<string> violations, CheckResult? check, bool converged, int logLength)
    {
        var operations = recorder.Operations();
        return new CampaignReport(
            code,
            faults.Values.Sum(),
            operations.Count,
            operations.Count(op => op.Status == OperationStatus.Ok),
            operations.Count(op => op.Status == OperationStatus.Unknown),
            unknownApplied,
            operations.Count(op => op.Output?.Prefix is not null),
            logLength,
            faults,
            violations,
            check,
            converged,
            clock.Elapsed);
    }

    private void DumpLogs(NodeEnsemble nodes)
    {
        foreach (var sid in nodes.Servers)
        {
            output.WriteLine($"---- server {sid}: last log lines");
            foreach (var line in nodes.LogTail(sid, 25))
            {
                output.WriteLine(line);
            }
        }
    }
}
