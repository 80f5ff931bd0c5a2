namespace ZabActors.FaultCampaign.Campaign;

/// <summary>
/// What one campaign runs: <see cref="Rounds"/> fault rounds of about <see cref="RoundSeconds"/> each
/// against <see cref="Voters"/> voters and <see cref="Observers"/> observers, under <see cref="Clients"/>
/// concurrent clients. Every fault choice and delay derives from <see cref="Seed"/>; the servers'
/// own timing does not, so a seed replays the same faults at the same moments, not the same run.
/// </summary>
public sealed record CampaignOptions(int Rounds, long Seed, int Voters, int Observers, double RoundSeconds, int Clients)
{
    public string EnsembleName => Observers == 0 ? Voters.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Voters}+{Observers}";

    /// <summary>The command line that runs this campaign again.</summary>
    public string ReplayCommand =>
        $"dotnet run --project tests/ZabActors.FaultCampaign -- --rounds {Rounds} --seed {Seed} --ensemble {EnsembleName} --round-seconds {RoundSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} --clients {Clients}";
}
