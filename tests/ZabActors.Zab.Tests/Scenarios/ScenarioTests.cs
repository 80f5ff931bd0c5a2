namespace ZabActors.Zab.Tests;

/// <summary>The scenario files under Scenarios/, each a script of commands with the output they must print.</summary>
public class ScenarioTests
{
    [Theory]
    [InlineData("election_walkthrough.txt")]
    [InlineData("election_partition.txt")]
    public void Election_scenario(string file)
    {
        var scenario = new ElectionScenario();
        ScenarioScript.Check(file, scenario.Run);
    }

    [Theory]
    [InlineData("ensemble_recovery.txt")]
    [InlineData("ensemble_quorum_loss.txt")]
    public void Ensemble_scenario(string file)
    {
        var scenario = new EnsembleScenario();
        ScenarioScript.Check(file, scenario.Run);
    }
}
