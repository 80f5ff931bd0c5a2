namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Every safety checker of a run, fed the same history in the same order. The first violation
/// stops the run; the order below puts the most specific diagnosis first.
/// </summary>
public sealed class CheckerSuite
{
    public CheckerSuite()
    {
        Checkers =
        [
            Leadership,
            new IntegrityChecker(),
            new AgreementChecker(),
            new GlobalPrimaryOrderChecker(),
            new LocalPrimaryOrderChecker(),
            new PrimaryIntegrityChecker(),
            new TotalOrderChecker(),
            Prefix,
            new AckedWritesChecker(),
        ];
    }

    public LeadershipChecker Leadership { get; } = new();

    /// <summary>Also serves liveness: the global sequence every peer must converge to.</summary>
    public PrefixConsistencyChecker Prefix { get; } = new();

    public IReadOnlyList<InvariantChecker> Checkers { get; }

    /// <summary>Events checked so far.</summary>
    public long Observed { get; private set; }

    public void Observe(HistoryEvent evt)
    {
        foreach (var checker in Checkers) checker.Observe(evt);
        Observed++;
    }
}
