namespace ZabActors.FaultCampaign.Checking;

/// <summary>What the checker concluded about a history.</summary>
public enum Verdict
{
    Linearizable,
    NotLinearizable,

    /// <summary>The search ran out of its budget before deciding: neither a pass nor a violation.</summary>
    Unknown,
}

/// <summary>
/// How much search the checker may spend on one history (all of its parts together): a step count
/// and a wall-clock time, whichever runs out first. Linearizability checking is NP-complete; a
/// budget turns a pathological history into <see cref="Verdict.Unknown"/> instead of a hang.
/// </summary>
public sealed record CheckBudget(long MaxSteps, TimeSpan MaxTime)
{
    public static readonly CheckBudget Default = new(200_000_000, TimeSpan.FromMinutes(2));
}

/// <summary>
/// The checker's answer: the verdict, the search steps spent, how many independent parts the model
/// split the history into, how many operations were checked (failed ones dropped), and for a
/// violation the smallest failing prefix and the operations involved, one per line.
/// </summary>
public sealed record CheckResult(Verdict Verdict, long Steps, int Parts, int Operations, IReadOnlyList<string> Explanation)
{
    public override string ToString() =>
        $"{Verdict} ({Operations} ops in {Parts} part(s), {Steps} steps)" +
        (Explanation.Count == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, Explanation));
}
