using ZabActors.FaultCampaign.Campaign;
using ZabActors.FaultCampaign.Checking;
using ZabActors.FaultCampaign.Models;

namespace ZabActors.FaultCampaign.Tests;

/// <summary>The end-of-campaign checks on the servers' logs, the history completion, and the command line.</summary>
public sealed class FinalChecksTests
{
    private static readonly LogEntry[] Log = [new(0x100000001, "w1-0"), new(0x100000002, "w2-0"), new(0x200000001, "r1-1")];

    private static Histories<Append, AppendResult> History() => new();

    [Fact]
    public void Logs_that_are_prefixes_of_the_longest_give_the_longest()
    {
        var violations = new List<string>();
        var logs = new Dictionary<long, IReadOnlyList<LogEntry>> { [1] = Log, [2] = Log[..2], [3] = [] };
        Assert.Equal(Log, FinalChecks.CommonSequence(logs, violations));
        Assert.Empty(violations);
    }

    [Fact]
    public void Logs_that_diverge_are_a_violation()
    {
        var violations = new List<string>();
        var logs = new Dictionary<long, IReadOnlyList<LogEntry>> { [1] = Log, [2] = [Log[0], new(0x100000002, "w9-9")] };
        Assert.Null(FinalChecks.CommonSequence(logs, violations));
        Assert.Contains("diverges", Assert.Single(violations), StringComparison.Ordinal);
    }

    [Fact]
    public void An_acknowledged_write_missing_from_the_log_or_at_another_zxid_is_a_violation()
    {
        var history = History()
            .Ok(1, new Append("w1-0"), new AppendResult(0x100000001), 1, 2)
            .Ok(2, new Append("w2-0"), new AppendResult(0x100000003), 3, 4)
            .Ok(1, new Append("w1-9"), new AppendResult(0x200000002), 5, 6);
        var violations = new List<string>();
        FinalChecks.Complete(history.Operations, Log[..2], violations);
        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v.Contains("append(w2-0) at 0x100000003 is at 0x100000002", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("append(w1-9) at 0x200000002 is not in the log (lost)", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_appends_take_their_zxid_from_the_log_or_are_dropped_as_failed()
    {
        var history = History()
            .Unknown(1, new Append("w1-0"), 1)
            .Unknown(2, new Append("w2-7"), 2);
        var violations = new List<string>();
        var completed = FinalChecks.Complete(history.Operations, Log[..1], violations);
        Assert.Empty(violations);
        Assert.Equal((OperationStatus.Unknown, (long?)0x100000001), (completed[0].Status, completed[0].Output?.Zxid));
        Assert.Equal(OperationStatus.Fail, completed[1].Status);
    }

    [Fact]
    public void A_value_twice_in_the_log_or_one_no_client_sent_is_a_violation()
    {
        var history = History().Ok(1, new Append("w1-0"), new AppendResult(0x100000001), 1, 2);
        var violations = new List<string>();
        FinalChecks.Complete(history.Operations, [Log[0], new(0x100000002, "w1-0"), new(0x100000003, "ghost")], violations);
        Assert.Contains(violations, v => v.Contains("w1-0 is in the log twice", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("ghost at 0x100000003 was never sent", StringComparison.Ordinal));
    }

    [Fact]
    public void The_command_line_takes_the_documented_options_and_refuses_others()
    {
        var options = CampaignCommandLine.Parse(["--rounds", "7", "--seed", "42", "--ensemble", "5+1", "--round-seconds", "2.5", "--clients", "3"], out var error);
        Assert.Null(error);
        Assert.Equal(new CampaignOptions(7, 42, 5, 1, 2.5, 3), options);
        Assert.Contains("--seed 42 --ensemble 5+1", options!.ReplayCommand, StringComparison.Ordinal);
        Assert.Null(CampaignCommandLine.Parse(["--ensemble", "4"], out error));
        Assert.Equal("bad option --ensemble 4", error);
    }
}
