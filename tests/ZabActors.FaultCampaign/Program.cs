using ZabActors.FaultCampaign.Campaign;

// zab-fault-campaign: fault rounds against real zabactors processes, then the final checks.
var options = CampaignCommandLine.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"zab-fault-campaign: {error}");
    Console.Error.WriteLine(CampaignCommandLine.Usage);
    return CampaignExitCodes.InvalidInput;
}
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the rounds and lets the final checks run and the servers stop; a second one kills.
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};
try
{
    var report = await new CampaignRunner(options, Console.Out).RunAsync(interrupt.Token);
    return report.ExitCode;
}
catch (Exception e)
{
    Console.Error.WriteLine($"zab-fault-campaign: crashed: {e}");
    Console.Error.WriteLine($"replay: {options.ReplayCommand}");
    return CampaignExitCodes.Crashed;
}
