using System.CommandLine;
using ZabActors.Hocon;

namespace ZabActors.Node;

/// <summary>
/// <c>zabactors config FILE [--no-reference]</c>: prints FILE fully resolved, layered over the reference
/// configuration embedded in the executable, as indented JSON on standard output. Any configuration
/// problem (missing file, syntax error, unresolved substitution) is one line on standard error and exit
/// code 2.
/// </summary>
public static class ConfigCommand
{
    public const string ReferenceResourceName = "ZabActors.Node.reference.conf";

    public static Command Create(NodeConsole console)
    {
        var file = new Argument<string>("file") { Description = "The node configuration file (.conf HOCON, .json or .properties)." };
        var noReference = new Option<bool>("--no-reference") { Description = "Print the file on its own, without layering it over the built-in reference.conf." };
        var command = new Command("config", "Print a configuration file fully resolved, as JSON.") { file, noReference };
        command.SetAction(parsed => Run(parsed.GetValue(file)!, parsed.GetValue(noReference), console));
        return command;
    }

    /// <summary>Runs the command; the reference configuration is loaded unless <paramref name="noReference"/>.</summary>
    public static int Run(string file, bool noReference, NodeConsole console)
    {
        try
        {
            return Run(file, noReference ? null : LoadReference(), console);
        }
        catch (ConfigException e)
        {
            return Fail(console, e);
        }
    }

    /// <summary>Runs the command layering the file over <paramref name="reference"/> (none when null).</summary>
    public static int Run(string file, Config? reference, NodeConsole console)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(console);
        try
        {
            var config = ConfigurationFactory.ParseFile(file, new HoconParseOptions { Fallback = reference });
            console.Out.WriteLine(config.ToJson(indented: true));
            return ExitCodes.Ok;
        }
        catch (ConfigException e)
        {
            return Fail(console, e);
        }
    }

    /// <summary>The reference configuration embedded from hocon/reference.conf, resolved on its own.</summary>
    public static Config LoadReference() => ConfigurationFactory.FromResource(ReferenceResourceName, typeof(ConfigCommand).Assembly);

    private static int Fail(NodeConsole console, ConfigException e)
    {
        var oneLine = string.Join(' ', e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        console.Error.WriteLine($"zabactors config: {oneLine}");
        return ExitCodes.InvalidInput;
    }
}
