using System.CommandLine;
using ZabActors.Node.Commands;

namespace ZabActors.Node;

/// <summary>
/// The <c>zabactors</c> executable. It owns the root command, which is assembled from per-command
/// factories: each subcommand lives in its own file and adds one line to <see cref="CommandFactories"/>.
/// <see cref="Run"/> is the whole program, callable in-process with any output writers.
/// </summary>
public static class Program
{
    private static readonly Func<NodeConsole, Command>[] CommandFactories =
    [
        ConfigCommand.Create,
        RunCommand.Create,
        StatusCommand.Create,
        WriteCommand.Create,
        HistoryCommand.Create,
    ];

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs a command line, writing to the given writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = BuildRootCommand(new NodeConsole(stdout, stderr));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                stderr.WriteLine($"zabactors: {error.Message}");
            stderr.WriteLine("Run 'zabactors --help' for usage.");
            return ExitCodes.InvalidInput;
        }
        // Servers handle SIGTERM and Ctrl+C themselves (an orderly leave); the parser must not end them first.
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null });
    }

    public static RootCommand BuildRootCommand(NodeConsole console)
    {
        var root = new RootCommand("ZabActors: ZooKeeper's ZAB protocol and coordination service as an actor-based cluster.");
        RunCommand.ConfigureRoot(root, console);
        foreach (var factory in CommandFactories)
            root.Add(factory(console));
        return root;
    }
}
