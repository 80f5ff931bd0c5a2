using ZabActors.FaultCampaign.Campaign;

// zab-fault-campaign: fault rounds against real zabactors processes, then the final checks.
var options = CampaignCommandLine.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"zab-fault-campaign: {error}");
    Console.Error.WriteLine(CampaignCommandLine.Usage);
    return CampaignExitCodes.InvalidInput;
}
try
{
    var report = await new CampaignRunner(options, Console.Out).RunAsync();
    return report.ExitCode;
}
catch (Exception e)
{
    Console.Error.WriteLine($"zab-fault-campaign: crashed: {e}");
    Console.Error.WriteLine($"replay: {options.ReplayCommand}");
    return CampaignExitCodes.Crashed;
}
