namespace ZabActors.FaultCampaign.Campaign;

/// <summary>The campaign's exit codes, one per kind of failure (as TigerBeetle's VOPR separates crash, liveness and correctness).</summary>
public static class CampaignExitCodes
{
    public const int Ok = 0;
    public const int Crashed = 1;
    public const int InvalidInput = 2;

    /// <summary>An acknowledged write was lost, or the servers' histories are not prefixes of one sequence.</summary>
    public const int InvariantViolated = 3;

    /// <summary>The recorded client history is not linearizable.</summary>
    public const int NotLinearizable = 4;

    /// <summary>After healing everything, the servers did not settle on a leader and one history in time.</summary>
    public const int NoConvergence = 5;

    /// <summary>The linearizability search ran out of its budget: no verdict.</summary>
    public const int CheckUndecided = 6;
}
