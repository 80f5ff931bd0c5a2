namespace ZabActors.Compatibility.Clients;

/// <summary>
/// What one client process did: its exit code, whether the deadline killed it, and everything it
/// printed. <see cref="ToString"/> is the failure message, so a red test shows what the client said.
/// </summary>
public sealed record ChildResult(string CommandLine, int ExitCode, bool TimedOut, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Fails the test unless the process exited 0 in time and printed every expected stdout line.</summary>
    public ChildResult ShouldSucceed(params string[] expectedLines)
    {
        if (TimedOut || ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"client failed\n{this}");
        }
        var missing = expectedLines.Where(l => !StdoutLines.Contains(l)).ToList();
        if (missing.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"client did not print: {string.Join(" | ", missing)}\n{this}");
        }
        return this;
    }

    public override string ToString() =>
        $"command: {CommandLine}\nexit code: {ExitCode}{(TimedOut ? " (killed at its deadline)" : "")}\n" +
        $"--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}--------------";
}
