using ZabActors.Hocon;
using ZabActors.Node.Admin;
using ZabActors.Node.Configuration;
using ZabActors.Node.Hosting;

namespace ZabActors.Node.Commands;

/// <summary>
/// What the client subcommands (<c>status</c>, <c>write</c>, <c>history</c>) share: read the ensemble
/// from a node's configuration file, open an <see cref="AdminClient"/>, run, and turn a bad file into
/// a one-line error with exit code 2.
/// </summary>
internal static class ToolCommand
{
    public static int Run(string name, string configFile, NodeConsole console, Func<AdminClient, Task<int>> body)
    {
        EnsembleFile file;
        try
        {
            file = EnsembleFile.Load(configFile);
        }
        catch (ConfigException e)
        {
            console.Error.WriteLine($"zabactors {name}: {NodeRunner.OneLine(e.Message)}");
            return ExitCodes.InvalidInput;
        }
        return RunAsync(file, body).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(EnsembleFile file, Func<AdminClient, Task<int>> body)
    {
        var client = AdminClient.Create(file.Directory, file.Config);
        try
        {
            return await body(client).ConfigureAwait(false);
        }
        finally
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    public static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Max(0.05, seconds));
}
