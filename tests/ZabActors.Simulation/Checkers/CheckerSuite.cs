namespace ZabActors.Simulation.Checkers;

/// <summary>
/// Every safety checker of a run, fed the same history in the same order. The first violation
/// stops the run; the order below puts the most specific diagnosis first.
/// </summary>
public sealed class CheckerSuite
{
    /// <param name="layout">the ensemble, for the checkers that count quorums; without it they are left out.</param>
    public CheckerSuite(ClusterLayout? layout = null)
    {
        List<InvariantChecker> checkers =
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
        if (layout is not null)
        {
            checkers.Add(new QuorumDurabilityChecker(layout.VoterIds.ToHashSet(), layout.QuorumSize));
        }
        Checkers = checkers;
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
