using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>
/// A throwaway standalone Apache ZooKeeper (Debian's zookeeper package) on a free loopback port, so
/// that <c>--demo</c> runs with one command when no <c>--zk</c> is given. Its data directory is
/// deleted when it is disposed.
/// </summary>
public sealed class LocalZooKeeper : IAsyncDisposable
{
    private const string Jar = "/usr/share/java/zookeeper.jar";
    private static readonly string ClassPath = string.Join(':', "/etc/zookeeper/conf", Jar, "/usr/share/java/slf4j-log4j12.jar", "/usr/share/java/log4j-1.2.jar");
    private readonly string dataDir;
    private readonly Process server;

    private LocalZooKeeper(string dataDir, Process server, int port)
    {
        this.dataDir = dataDir;
        this.server = server;
        ConnectString = $"127.0.0.1:{port}";
    }

    public string ConnectString { get; }

    public static async Task<LocalZooKeeper> StartAsync()
    {
        if (!File.Exists(Jar))
        {
            throw new InvalidOperationException($"no --zk given and Apache ZooKeeper is not installed ({Jar}): apt-get install -y zookeeper, or pass --zk HOST:PORT");
        }
        var dataDir = Directory.CreateTempSubdirectory("singleton-demo-zk-").FullName;
        var port = Demo.FreePorts(1)[0];
        var config = Path.Combine(dataDir, "zoo.cfg");
        await File.WriteAllTextAsync(config, $"tickTime=500\ndataDir={dataDir}\nclientPort={port}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\nforceSync=no\n4lw.commands.whitelist=ruok\n");
        var info = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-Xmx256m", "-Dzookeeper.root.logger=WARN,CONSOLE", "-cp", ClassPath, "org.apache.zookeeper.server.ZooKeeperServerMain", config })
        {
            info.ArgumentList.Add(arg);
        }
        var server = Process.Start(info) ?? throw new InvalidOperationException("could not start java");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var zk = new LocalZooKeeper(dataDir, server, port);
        await zk.WaitServingAsync(port);
        return zk;
    }

    public async ValueTask DisposeAsync()
    {
        if (!server.HasExited)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        server.Dispose();
        Directory.Delete(dataDir, recursive: true);
    }

    private async Task WaitServingAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                await tcp.GetStream().WriteAsync("ruok"u8.ToArray());
                using var reader = new StreamReader(tcp.GetStream());
                if ((await reader.ReadToEndAsync()).StartsWith("imok", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException("the local ZooKeeper did not start within 60 s");
    }
}
