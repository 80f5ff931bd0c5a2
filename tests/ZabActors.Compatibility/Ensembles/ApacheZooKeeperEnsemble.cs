using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ZabActors.Compatibility.Ensembles;

/// <summary>
/// Three Apache ZooKeeper 3.8 servers (Debian's zookeeper package), each its own JVM on free loopback
/// ports with its own data directory: the reference ensemble. Owns the processes and the directory.
/// </summary>
public sealed class ApacheZooKeeperEnsemble : IEnsembleUnderTest
{
    private const string Jar = "/usr/share/java/zookeeper.jar";
    private const int Servers = 3;
    private static readonly string ClassPath = string.Join(':', "/etc/zookeeper/conf", Jar, "/usr/share/java/slf4j-log4j12.jar", "/usr/share/java/log4j-1.2.jar");
    private readonly string dir = Directory.CreateTempSubdirectory("zab-compat-ensemble-").FullName;
    private readonly int[] clientPorts;
    private readonly Process?[] servers = new Process?[Servers];

    public ApacheZooKeeperEnsemble()
    {
        var ports = FreePorts(3 * Servers);
        clientPorts = ports[..Servers];
        var peers = string.Join('\n', Enumerable.Range(1, Servers).Select(i => $"server.{i}=127.0.0.1:{ports[Servers + 2 * (i - 1)]}:{ports[Servers + 2 * (i - 1) + 1]}"));
        for (var id = 1; id <= Servers; id++)
        {
            var data = Path.Combine(dir, $"s{id}");
            Directory.CreateDirectory(data);
            File.WriteAllText(Path.Combine(data, "myid"), $"{id}\n");
            // extendedTypesEnabled turns TTL nodes on; short ticks keep elections and expiry quick.
            File.WriteAllText(Path.Combine(data, "zoo.cfg"),
                $"tickTime=500\ninitLimit=20\nsyncLimit=10\ndataDir={data}\nclientPort={clientPorts[id - 1]}\nclientPortAddress=127.0.0.1\n" +
                $"admin.enableServer=false\nforceSync=no\nmaxClientCnxns=0\n4lw.commands.whitelist=*\nminSessionTimeout=1000\nmaxSessionTimeout=60000\n" +
                $"extendedTypesEnabled=true\n{peers}\n");
        }
    }

    public string Name => "Apache ZooKeeper 3.8";

    public int ServerCount => Servers;

    public bool TtlNodesEnabled => true;

    public string ConnectString => string.Join(',', Enumerable.Range(1, Servers).Select(ServerAddress));

    public string ServerAddress(int id) => $"127.0.0.1:{clientPorts[id - 1]}";

    public async Task StartAsync(CancellationToken cancellation)
    {
        if (!File.Exists(Jar))
        {
            throw new InvalidOperationException($"Apache ZooKeeper is not installed ({Jar} missing): apt-get install -y zookeeper (.ci/run does it)");
        }
        for (var id = 1; id <= Servers; id++)
        {
            Start(id);
        }
        for (var id = 1; id <= Servers; id++)
        {
            await WaitServingAsync(id, cancellation);
        }
    }

    public async Task KillAsync(int id)
    {
        var process = servers[id - 1];
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        servers[id - 1] = null;
    }

    public async Task RestartAsync(int id, CancellationToken cancellation)
    {
        await KillAsync(id);
        Start(id);
        await WaitServingAsync(id, cancellation);
    }

    /// <summary>A server serves once it answers `srvr` with a mode (it has joined a quorum).</summary>
    public async Task WaitServingAsync(int id, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var process = servers[id - 1];
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"ZooKeeper server {id} exited with code {process.ExitCode}");
            }
            if ((await SrvrAsync(id)).Contains("Mode: ", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(250, cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var id = 1; id <= Servers; id++)
        {
            await KillAsync(id);
        }
        Directory.Delete(dir, recursive: true);
    }

    private void Start(int id)
    {
        var info = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var args = new[]
        {
            "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dzookeeper.root.logger=WARN,CONSOLE",
            // Containers and TTL nodes are reaped by a sweep that runs once a minute by default.
            "-Dznode.container.checkIntervalMs=500",
            "-cp", ClassPath, "org.apache.zookeeper.server.quorum.QuorumPeerMain", Path.Combine(dir, $"s{id}", "zoo.cfg"),
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start java");
        // Drained so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        servers[id - 1] = process;
    }

    private async Task<string> SrvrAsync(int id)
    {
        try
        {
            using var tcp = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await tcp.ConnectAsync(IPAddress.Loopback, clientPorts[id - 1], timeout.Token);
            await tcp.GetStream().WriteAsync("srvr"u8.ToArray(), timeout.Token);
            using var reader = new StreamReader(tcp.GetStream());
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return "";
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
