using System.Text;
using Xunit.Abstractions;
using ZabActors.FaultCampaign.Campaign;
using ZabActors.FaultCampaign.Checking;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Tests;

/// <summary>
/// The CI short run: twenty fault rounds against three real node processes under client load, then
/// the three checks. A fixed seed fixes the faults and their timing; the run itself is not replayable
/// step by step (the servers' clocks and threads are real), so a failure prints its seed and logs.
/// </summary>
public sealed class CampaignShortRunTests(ITestOutputHelper output)
{
    private static readonly CampaignOptions ShortRun = new(Rounds: 20, Seed: 20261208, Voters: 3, Observers: 0, RoundSeconds: 3, Clients: 4);

    [Fact]
    public async Task Twenty_fault_rounds_on_three_voters_lose_no_acknowledged_write_keep_one_log_and_stay_linearizable()
    {
        using var writer = new TestOutputWriter(output);
        var report = await new CampaignRunner(ShortRun, writer).RunAsync();

        Assert.Equal(20, report.Rounds);
        Assert.True(report.Converged, "the servers did not converge on one log");
        Assert.Empty(report.Violations);
        Assert.Equal(Verdict.Linearizable, report.Linearizability?.Verdict);
        Assert.Equal(CampaignExitCodes.Ok, report.ExitCode);
        Assert.True(report.Acknowledged > 500, $"only {report.Acknowledged} acknowledged operations");
        Assert.True(report.ReadsWithLog > 50, $"only {report.ReadsWithLog} sync reads saw a log");
        Assert.True(report.Faults[FaultKind.KillLeader] + report.Faults[FaultKind.KillFollower] > 0, "no kill in twenty rounds");
    }

    [Fact]
    public async Task A_stale_read_planted_in_a_real_history_is_reported_as_not_linearizable_with_its_prefix()
    {
        using var writer = new TestOutputWriter(output);
        var runner = new CampaignRunner(ShortRun with { Rounds = 2, Seed = 7 }, writer) { PlantViolation = MakeOneReadStale };
        var report = await runner.RunAsync();

        Assert.Empty(report.Violations);
        Assert.Equal(Verdict.NotLinearizable, report.Linearizability?.Verdict);
        Assert.Equal(CampaignExitCodes.NotLinearizable, report.ExitCode);
        Assert.Contains(report.Linearizability!.Explanation, line => line.Contains("smallest failing prefix", StringComparison.Ordinal));
    }

    /// <summary>The last sync read that saw at least two appends now misses the newest of them, as a lagging server would show.</summary>
    private static IReadOnlyList<Operation<Append, AppendResult>> MakeOneReadStale(IReadOnlyList<Operation<Append, AppendResult>> history)
    {
        var read = history.Last(op => op.Status == OperationStatus.Ok && op.Output!.Prefix is { Count: >= 2 });
        var marker = read.Output!.Zxid!.Value;
        var before = history.Where(op => op.Status != OperationStatus.Fail && op.Output?.Zxid < marker).OrderBy(op => op.Output!.Zxid).ToList();
        Assert.Equal(read.Output.Prefix!.Count, before.Count);
        var stale = new LogPrefix(before.Count - 1, LogDigest.Of(before.SkipLast(1).Select(op => op.Input.Value)), before[^2].Output!.Zxid!.Value);
        return [.. history.Select(op => op.Id == read.Id ? op with { Output = op.Output! with { Prefix = stale } } : op)];
    }

    /// <summary>Sends the campaign's lines to the test output.</summary>
    private sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
    {
        private readonly StringBuilder line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                output.WriteLine(line.ToString());
                line.Clear();
            }
            else if (value != '\r')
            {
                line.Append(value);
            }
        }

        public override void WriteLine(string? value) => output.WriteLine(value ?? "");
    }
}
