using System.Text;
using Xunit.Abstractions;
using ZabActors.FaultCampaign.Campaign;
using ZabActors.FaultCampaign.Checking;

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
