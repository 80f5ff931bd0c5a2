using System.CommandLine;
using System.Text;
using ZabActors.Node.Admin;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Commands;

/// <summary>
/// <c>zabactors write --config FILE --data TEXT [--server ID] [--timeout S]</c>: submits one write
/// through server ID (or, without --server, through the servers that answer a status request, the leader
/// first, until one commits it) and prints the committed zxid.
/// Exit code 3 when no server committed it.
/// </summary>
public static class WriteCommand
{
    public static Command Create(NodeConsole console)
    {
        var config = new Option<string>("--config") { Description = "A configuration file of the ensemble (any server's).", Required = true };
        var data = new Option<string>("--data") { Description = "The write's payload (UTF-8 text).", Required = true };
        var server = new Option<long?>("--server") { Description = "The server to submit through; default: the first that commits." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the commit.", DefaultValueFactory = _ => 10 };
        var command = new Command("write", "Replicate one write and print its zxid.") { config, data, server, timeout };
        command.SetAction(parsed => Run(parsed.GetValue(config)!, parsed.GetValue(data)!, parsed.GetValue(server), parsed.GetValue(timeout), console));
        return command;
    }

    public static int Run(string configFile, string text, long? server, double timeoutSeconds, NodeConsole console) =>
        ToolCommand.Run("write", configFile, console, async client =>
        {
            var targets = server is { } sid ? [sid] : await PreferredServers(client).ConfigureAwait(false);
            if (server is { } only && !client.Directory.TryGetAddress(only, out _))
            {
                console.Error.WriteLine($"zabactors write: server {only} is not in the ensemble");
                return ExitCodes.InvalidInput;
            }
            if (targets.Count == 0)
            {
                console.Error.WriteLine("zabactors write: no server of the ensemble answered");
                return ExitCodes.Unavailable;
            }
            var failures = new List<string>();
            foreach (var target in targets)
            {
                var reply = await client.WriteAsync(target, Encoding.UTF8.GetBytes(text), ToolCommand.Seconds(timeoutSeconds)).ConfigureAwait(false);
                if (reply is WriteCommitted committed)
                {
                    console.Out.WriteLine(committed.Zxid);
                    return ExitCodes.Ok;
                }
                failures.Add(reply is WriteFailed failed ? $"server {target}: {failed.Reason}" : $"server {target}: no answer");
            }
            console.Error.WriteLine($"zabactors write: not committed ({string.Join("; ", failures)})");
            return ExitCodes.Unavailable;
        });

    /// <summary>The servers that answer, the leader first; a server that does not answer would only cost a timeout.</summary>
    private static async Task<List<long>> PreferredServers(AdminClient client)
    {
        var statuses = await client.StatusAllAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        return [.. statuses.Where(s => s.Value is not null)
            .OrderBy(s => s.Value!.Peer.State == ServerState.Leading ? 0 : 1)
            .ThenBy(s => s.Key)
            .Select(s => s.Key)];
    }
}
