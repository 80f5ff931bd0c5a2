using System.CommandLine;
using ZabActors.Node.Admin;

namespace ZabActors.Node.Commands;

/// <summary>
/// <c>zabactors status --config FILE [--timeout S]</c>: asks every server of FILE's ensemble for its
/// status and prints one line per server (<see cref="StatusLine"/>); a server that does not answer in
/// time is <c>state=DOWN</c>. Exit code 0 whatever the servers' states.
/// </summary>
public static class StatusCommand
{
    public static Command Create(NodeConsole console)
    {
        var config = new Option<string>("--config") { Description = "A configuration file of the ensemble (any server's).", Required = true };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for each server.", DefaultValueFactory = _ => 2 };
        var command = new Command("status", "Print the status of every server of an ensemble.") { config, timeout };
        command.SetAction(parsed => Run(parsed.GetValue(config)!, parsed.GetValue(timeout), console));
        return command;
    }

    public static int Run(string configFile, double timeoutSeconds, NodeConsole console) =>
        ToolCommand.Run("status", configFile, console, async client =>
        {
            var statuses = await client.StatusAllAsync(ToolCommand.Seconds(timeoutSeconds)).ConfigureAwait(false);
            foreach (var line in StatusLine.FormatAll(statuses))
                console.Out.WriteLine(line);
            return ExitCodes.Ok;
        });
}
