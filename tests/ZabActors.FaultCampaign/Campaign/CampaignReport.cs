using ZabActors.FaultCampaign.Checking;

namespace ZabActors.FaultCampaign.Campaign;

/// <summary>
/// The outcome of a campaign: its exit code, the load (operations invoked, acknowledged, unknown and
/// how many of those the final log resolved as applied, sync reads that saw a log), the faults injected
/// by kind, the final log's length, the invariant violations, the linearizability verdict, whether
/// the servers converged, and the wall time.
/// </summary>
public sealed record CampaignReport(
    int ExitCode,
    int Rounds,
    int Operations,
    int Acknowledged,
    int Unknown,
    int UnknownApplied,
    int ReadsWithLog,
    int LogLength,
    IReadOnlyDictionary<FaultKind, int> Faults,
    IReadOnlyList<string> Violations,
    CheckResult? Linearizability,
    bool Converged,
    TimeSpan Elapsed)
{
    public string FinalLine(CampaignOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var outcome = ExitCode switch
        {
            CampaignExitCodes.Ok => "PASS",
            CampaignExitCodes.InvariantViolated => "FAIL: invariant violated",
            CampaignExitCodes.NotLinearizable => "FAIL: not linearizable",
            CampaignExitCodes.NoConvergence => "FAIL: no convergence",
            CampaignExitCodes.CheckUndecided => "UNDECIDED: linearizability search budget exhausted",
            _ => "FAIL",
        };
        var faults = string.Join(" ", Faults.Where(f => f.Value > 0).Select(f => $"{f.Key}={f.Value}"));
        return $"campaign seed={options.Seed} ensemble={options.EnsembleName} rounds={Rounds} faults[{faults}] ops={Operations} " +
            $"ok={Acknowledged} unknown={Unknown} (applied {UnknownApplied}) reads={ReadsWithLog} log={LogLength} " +
            $"linearizability={Linearizability?.Verdict.ToString() ?? "not checked"} time={Elapsed.TotalSeconds:0.0}s exit={ExitCode}: {outcome}";
    }
}
