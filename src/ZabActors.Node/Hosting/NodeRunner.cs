using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ZabActors.Hocon;
using ZabActors.Node.Configuration;
using ZabActors.Persistence.Zab;

namespace ZabActors.Node.Hosting;

/// <summary>
/// Runs one server from its configuration file until SIGTERM or Ctrl+C: validates the configuration
/// (one-line error, exit code 2), starts the <see cref="NodeHost"/>, and on a signal leaves the
/// ensemble in order and exits 0. A peer that stops on its own is a failure (exit code 1), so a
/// supervisor such as systemd restarts the process, which recovers from its journal.
/// </summary>
public static class NodeRunner
{
    public static int Run(string configFile, NodeConsole console, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        NodeSettings settings;
        try
        {
            var (validated, warnings) = NodeConfigValidator.Validate(NodeConfigValidator.Load(configFile, environment));
            settings = validated;
            foreach (var warning in warnings)
                console.Error.WriteLine($"zabactors: warning: {warning}");
        }
        catch (ConfigException e)
        {
            console.Error.WriteLine($"zabactors: {OneLine(e.Message)}");
            return ExitCodes.InvalidInput;
        }
        using var loggerFactory = NodeLogging.CreateConsole(settings.LogLevel);
        using var signal = new ShutdownSignal();
        return RunHost(settings, loggerFactory, signal, console).GetAwaiter().GetResult();
    }

    private static async Task<int> RunHost(NodeSettings settings, ILoggerFactory loggerFactory, ShutdownSignal signal, NodeConsole console)
    {
        var log = loggerFactory.CreateLogger("ZabActors.Node");
        NodeHost host;
        try
        {
            host = NodeHost.Start(settings, loggerFactory);
        }
        catch (PeerStorageOpenException e)
        {
            console.Error.WriteLine($"zabactors: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (SocketException e)
        {
            console.Error.WriteLine($"zabactors: cannot listen on {settings.Me.Host}:{settings.Me.Port}: {OneLine(e.Message)}");
            return ExitCodes.InvalidInput;
        }
        var first = await Task.WhenAny(signal.Requested, host.WhenPeerTerminated).ConfigureAwait(false);
        if (first == signal.Requested)
        {
            log.LogInformation("{Signal} received", await signal.Requested.ConfigureAwait(false));
            await host.StopAsync(settings.ShutdownTimeout).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        log.LogCritical("server {Sid}: the peer stopped on its own; exiting so that the process is restarted", settings.MyId);
        await host.StopAsync(settings.ShutdownTimeout).ConfigureAwait(false);
        return ExitCodes.Failure;
    }

    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
