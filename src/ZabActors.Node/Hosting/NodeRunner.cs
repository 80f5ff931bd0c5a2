using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ZabActors.Hocon;
using ZabActors.Node.Configuration;

namespace ZabActors.Node.Hosting;

/// <summary>
/// Runs one server from its configuration file until SIGTERM or Ctrl+C: validates the configuration
/// (one-line error, exit code 2), starts the <see cref="NodeHost"/>, and on a signal leaves the
/// ensemble in order and exits 0. Storage that the peer stops on because it cannot read it
/// (<c>PeerStorageFailed</c>, published by the peer when its txn log fails) is one line on stderr and exit code 4. A peer
/// that stops on its own otherwise is a failure (exit code 1), so a supervisor such as systemd
/// restarts the process, which recovers from its journal. The process never outlives its peer.
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
        catch (Exception e) when (Find<SqliteException>(e) is { } sqlite)
        {
            // The journal's file is prepared when the ActorSystem starts: a file SQLite cannot read fails it there.
            console.Error.WriteLine($"zabactors: server {settings.MyId}: cannot open its storage in {settings.DataDirectory}: {OneLine(sqlite.Message)}");
            return ExitCodes.StorageFailed;
        }
        catch (Exception e) when (Find<SocketException>(e) is { } socket)
        {
            console.Error.WriteLine($"zabactors: cannot listen on {settings.Me.Host}:{settings.Me.Port}: {OneLine(socket.Message)}");
            return ExitCodes.InvalidInput;
        }
        var first = await Task.WhenAny(signal.Requested, host.WhenPeerTerminated).ConfigureAwait(false);
        if (first == signal.Requested)
        {
            log.LogInformation("{Signal} received", await signal.Requested.ConfigureAwait(false));
            await host.StopAsync(settings.ShutdownTimeout).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        var storageFailure = await host.WhenPeerTerminated.ConfigureAwait(false);
        if (storageFailure is not null)
        {
            var line = StorageFailureLine(settings.MyId, storageFailure.Reason);
            log.LogCritical("{Line}", line);
            console.Error.WriteLine($"zabactors: {line}");
            await host.StopAsync(settings.ShutdownTimeout).ConfigureAwait(false);
            return ExitCodes.StorageFailed;
        }
        log.LogCritical("server {Sid}: the peer stopped on its own; exiting so that the process is restarted", settings.MyId);
        await host.StopAsync(settings.ShutdownTimeout).ConfigureAwait(false);
        return ExitCodes.Failure;
    }

    /// <summary>The one line a server prints when its peer stopped because its storage became unreadable.</summary>
    public static string StorageFailureLine(long myId, string reason) =>
        $"server {myId} stopped: its storage is unreadable ({OneLine(reason)}); exiting with code {ExitCodes.StorageFailed}";

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }

    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
