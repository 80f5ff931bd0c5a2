using System.CommandLine;
using ZabActors.Node.Ensemble;
using ZabActors.Node.Hosting;

namespace ZabActors.Node.Commands;

/// <summary>
/// Running servers: <c>zabactors run --config FILE</c> (also <c>zabactors --config FILE</c>) runs one
/// server until SIGTERM or Ctrl+C; <c>zabactors --ensemble N</c> runs a local ensemble of N server
/// processes. The root command's options live here too, so the README's one-liners work.
/// </summary>
public static class RunCommand
{
    public static Command Create(NodeConsole console)
    {
        var config = new Option<string>("--config") { Description = "The server's configuration file.", Required = true };
        var command = new Command("run", "Run one server of an ensemble until SIGTERM or Ctrl+C.") { config };
        command.SetAction(parsed => NodeRunner.Run(parsed.GetValue(config)!, console));
        return command;
    }

    /// <summary>Gives the root command <c>--config FILE</c> and <c>--ensemble N</c>.</summary>
    public static void ConfigureRoot(RootCommand root, NodeConsole console)
    {
        ArgumentNullException.ThrowIfNull(root);
        var config = new Option<string>("--config") { Description = "Run one server with this configuration file (same as 'run --config')." };
        var ensemble = new Option<int?>("--ensemble") { Description = "Run a local ensemble of N server processes on loopback ports, data under ./data." };
        root.Add(config);
        root.Add(ensemble);
        root.SetAction(parsed =>
        {
            var file = parsed.GetValue(config);
            var size = parsed.GetValue(ensemble);
            if (file is not null && size is not null)
                return Usage(console, "give either --config or --ensemble, not both");
            if (size is { } n)
                return EnsembleRunner.Run(n, console);
            if (file is not null)
                return NodeRunner.Run(file, console);
            return Usage(console, "nothing to run: give --config FILE, --ensemble N or a command");
        });
    }

    private static int Usage(NodeConsole console, string problem)
    {
        console.Error.WriteLine($"zabactors: {problem}");
        console.Error.WriteLine("Run 'zabactors --help' for usage.");
        return ExitCodes.InvalidInput;
    }
}
