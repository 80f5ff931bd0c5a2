using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ZabActors.Hocon;
using ZabActors.Quorum;
using ZabActors.Hosting;

namespace ZabActors.Node.Configuration;

/// <summary>
/// Turns a node's configuration file into <see cref="NodeSettings"/> and checks, before anything
/// starts, what ZooKeeper would only find out later or never: a missing <c>zab.myid</c>, an id not in
/// the ensemble, duplicate ids or addresses, a port already in use, a data directory that cannot be
/// written. Every problem is a <see cref="ConfigException"/> with a one-line message; an even number
/// of voters is only a warning.
/// </summary>
public static class NodeConfigValidator
{
    /// <summary>Reads <paramref name="file"/> layered over the reference configuration; <paramref name="environment"/> answers <c>${?VAR}</c>.</summary>
    public static Config Load(string file, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        return ConfigurationFactory.ParseFile(file, new HoconParseOptions
        {
            Fallback = ConfigCommand.LoadReference(),
            EnvironmentVariables = environment,
        });
    }

    /// <summary>Everything that can be checked from the configuration alone.</summary>
    public static NodeSettings Parse(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath("zab.myid"))
            throw new ConfigException("zab.myid is not set: give this server's id from zab.ensemble.servers (or set ZAB_MYID where the file reads ${?ZAB_MYID})");
        if (!config.HasPath("zab.ensemble.servers"))
            throw new ConfigException("zab.ensemble.servers is not set: list every server as { id, host, port, role }");
        var akkaConfig = AkkaConfig.From(config);
        var quorum = QuorumPeerSettings.Create(akkaConfig).Validate();
        CheckAddresses(quorum.Servers);
        var me = quorum.Servers.First(s => s.Id == quorum.MyId);
        return new NodeSettings(
            config,
            quorum,
            akkaConfig,
            ReadDataDirectory(config),
            ReadClientPort(config, me),
            ReadLogLevel(config),
            config.GetBoolean("zab.node.test-hooks", false),
            config.GetTimeSpan("zab.node.shutdown-timeout", TimeSpan.FromSeconds(10)));
    }

    /// <summary>Warnings worth printing but no reason to refuse to start.</summary>
    public static IReadOnlyList<string> Warnings(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var warnings = new List<string>();
        if (settings.VoterCount % 2 == 0)
            warnings.Add($"the ensemble has {settings.VoterCount} voters: an even number tolerates no more failures than {settings.VoterCount - 1} (use an odd number)");
        return warnings;
    }

    /// <summary>What depends on this machine: the ports are free and the data directory is writable.</summary>
    public static void CheckEnvironment(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var me = settings.Me;
        CheckPortFree(me.Host, me.Port, $"server {me.Id}'s quorum port");
        if (settings.ClientPort is { } clientPort)
            CheckPortFree(me.Host, clientPort, "zab.client-port");
        CheckWritable(settings.DataDirectory);
    }

    /// <summary>The whole check: parse, then the environment; returns the settings and warnings.</summary>
    public static (NodeSettings Settings, IReadOnlyList<string> Warnings) Validate(Config config)
    {
        var settings = Parse(config);
        CheckEnvironment(settings);
        return (settings, Warnings(settings));
    }

    private static void CheckAddresses(IReadOnlyList<QuorumServer> servers)
    {
        var clash = servers
            .GroupBy(s => (Host: s.Host.ToLowerInvariant(), s.Port))
            .FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            var ids = string.Join(" and ", clash.Select(s => s.Id));
            throw new ConfigException($"servers {ids} in zab.ensemble.servers share the address {clash.Key.Host}:{clash.Key.Port}");
        }
        var empty = servers.FirstOrDefault(s => string.IsNullOrWhiteSpace(s.Host) || s.Port == 0);
        if (empty is not null)
            throw new ConfigException($"server {empty.Id} in zab.ensemble.servers needs a host and a non-zero port");
    }

    private static string ReadDataDirectory(Config config)
    {
        var dir = config.GetString("zab.data-dir", "");
        if (string.IsNullOrWhiteSpace(dir))
            throw new ConfigException("zab.data-dir is empty: give the directory this server keeps its journal and snapshots in");
        return Path.GetFullPath(dir);
    }

    private static int? ReadClientPort(Config config, QuorumServer me)
    {
        if (!config.HasPath("zab.client-port"))
            return null;
        var port = config.GetInt("zab.client-port");
        if (port is < 1 or > 65535)
            throw new ConfigException($"zab.client-port {port} is not a TCP port (1-65535)");
        if (port == me.Port)
            throw new ConfigException($"zab.client-port {port} is also server {me.Id}'s quorum port");
        return port;
    }

    private static LogLevel ReadLogLevel(Config config)
    {
        var text = config.GetString("zab.node.log-level", "Information");
        return Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new ConfigException($"zab.node.log-level '{text}' is not one of Trace, Debug, Information, Warning, Error, Critical, None");
    }

    private static void CheckPortFree(string host, int port, string what)
    {
        IPAddress address;
        try
        {
            address = IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host).First();
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException or ArgumentException)
        {
            throw new ConfigException($"host '{host}' of {what} does not resolve: {e.Message}", e);
        }
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            var why = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : $"cannot be bound ({e.SocketErrorCode})";
            throw new ConfigException($"port {port} on {host} ({what}) {why}", e);
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void CheckWritable(string directory)
    {
        var probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(probe, "probe");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ConfigException($"zab.data-dir '{directory}' is not writable: {e.Message}", e);
        }
    }
}
