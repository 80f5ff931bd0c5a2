using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ZabActors.Client.Tests;

/// <summary>
/// Three Apache ZooKeeper 3.8 servers on free loopback ports, each its own JVM, for the failover
/// tests: a server can be killed (SIGKILL) and started again.
/// </summary>
public sealed class ApacheZooKeeperEnsemble : IAsyncDisposable
{
    private const string Jar = "/usr/share/java/zookeeper.jar";
    private static readonly string ClassPath = string.Join(':', "/etc/zookeeper/conf", Jar, "/usr/share/java/slf4j-log4j12.jar", "/usr/share/java/log4j-1.2.jar");
    private readonly string dir = Directory.CreateTempSubdirectory("zab-apache-ensemble-").FullName;
    private readonly int[] clientPorts;
    private readonly Process?[] servers = new Process?[3];

    public ApacheZooKeeperEnsemble()
    {
        var ports = FreePorts(9);
        clientPorts = ports[..3];
        for (var id = 1; id <= 3; id++)
        {
            var data = Path.Combine(dir, $"s{id}");
            Directory.CreateDirectory(data);
            File.WriteAllText(Path.Combine(data, "myid"), $"{id}\n");
            var peers = string.Join('\n', Enumerable.Range(1, 3).Select(i => $"server.{i}=127.0.0.1:{ports[2 + 2 * i - 1]}:{ports[2 + 2 * i]}"));
            File.WriteAllText(Path.Combine(data, "zoo.cfg"),
                $"tickTime=500\ninitLimit=10\nsyncLimit=5\ndataDir={data}\nclientPort={clientPorts[id - 1]}\nclientPortAddress=127.0.0.1\n" +
                $"admin.enableServer=false\nforceSync=no\nmaxClientCnxns=0\n4lw.commands.whitelist=*\nminSessionTimeout=1000\nmaxSessionTimeout=60000\n{peers}\n");
        }
    }

    public string ConnectString => string.Join(',', clientPorts.Select(p => $"127.0.0.1:{p}"));

    public int ClientPort(int id) => clientPorts[id - 1];

    public async Task StartAsync()
    {
        for (var id = 1; id <= 3; id++)
        {
            Start(id);
        }
        for (var id = 1; id <= 3; id++)
        {
            await WaitServingAsync(id);
        }
    }

    public void Start(int id)
    {
        var info = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-Xmx192m", "-Dzookeeper.root.logger=WARN,CONSOLE", "-cp", ClassPath, "org.apache.zookeeper.server.quorum.QuorumPeerMain", Path.Combine(dir, $"s{id}", "zoo.cfg") })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start java");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        servers[id - 1] = process;
    }

    public void Kill(int id)
    {
        var process = servers[id - 1];
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Waits until the server answers `srvr` with a mode (it has joined a quorum).</summary>
    public async Task WaitServingAsync(int id)
    {
        if (!File.Exists(Jar))
        {
            throw new InvalidOperationException($"Apache ZooKeeper is not installed ({Jar} missing): apt-get install -y zookeeper");
        }
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, clientPorts[id - 1]);
                await tcp.GetStream().WriteAsync("srvr"u8.ToArray());
                using var reader = new StreamReader(tcp.GetStream());
                if ((await reader.ReadToEndAsync()).Contains("Mode: ", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"ZooKeeper server {id} did not join a quorum within 90 s");
    }

    public async ValueTask DisposeAsync()
    {
        for (var id = 1; id <= 3; id++)
        {
            Kill(id);
            servers[id - 1]?.Dispose();
        }
        await Task.Yield();
        Directory.Delete(dir, recursive: true);
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
