using System.CommandLine;
using System.Text;
using Akka.Actor;

namespace ZabActors.Node.Commands;

/// <summary>
/// <c>zabactors history --config FILE --server ID [--timeout S]</c>: prints every transaction server ID
/// has applied, one per line: zxid, the server that accepted the write, and the payload as text.
/// Exit code 3 when the server does not answer.
/// </summary>
public static class HistoryCommand
{
    public static Command Create(NodeConsole console)
    {
        var config = new Option<string>("--config") { Description = "A configuration file of the ensemble (any server's).", Required = true };
        var server = new Option<long>("--server") { Description = "The server whose history to print.", Required = true };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for each reply.", DefaultValueFactory = _ => 5 };
        var command = new Command("history", "Print the transactions a server has applied.") { config, server, timeout };
        command.SetAction(parsed => Run(parsed.GetValue(config)!, parsed.GetValue(server), parsed.GetValue(timeout), console));
        return command;
    }

    public static int Run(string configFile, long server, double timeoutSeconds, NodeConsole console) =>
        ToolCommand.Run("history", configFile, console, async client =>
        {
            if (!client.Directory.TryGetAddress(server, out _))
            {
                console.Error.WriteLine($"zabactors history: server {server} is not in the ensemble");
                return ExitCodes.InvalidInput;
            }
            try
            {
                foreach (var entry in await client.HistoryAsync(server, ToolCommand.Seconds(timeoutSeconds)).ConfigureAwait(false))
                    console.Out.WriteLine($"{entry.Zxid} origin={entry.OriginSid} {Printable(entry.Payload.Span)}");
                return ExitCodes.Ok;
            }
            catch (AskTimeoutException)
            {
                console.Error.WriteLine($"zabactors history: server {server} did not answer");
                return ExitCodes.Unavailable;
            }
        });

    /// <summary>The payload as text when it is UTF-8 without control characters, else as hex.</summary>
    public static string Printable(ReadOnlySpan<byte> payload)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
            if (!text.Any(char.IsControl))
                return text;
        }
        catch (DecoderFallbackException)
        {
        }
        return "0x" + Convert.ToHexString(payload).ToLowerInvariant();
    }
}
