using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ZabActors.Client.Tests;

/// <summary>
/// Apache ZooKeeper 3.8 from Debian's zookeeper package, as a standalone server on a free loopback
/// port with its own data directory: the reference our client is checked against. `.ci/run` installs
/// the package; without it the tests that need it fail with the install command in the message.
/// </summary>
public sealed class ApacheZooKeeper : IAsyncLifetime
{
    private const string Jar = "/usr/share/java/zookeeper.jar";
    private static readonly string ClassPath = string.Join(':', "/etc/zookeeper/conf", Jar, "/usr/share/java/slf4j-log4j12.jar", "/usr/share/java/log4j-1.2.jar");
    private readonly string dataDir = Directory.CreateTempSubdirectory("zab-apache-zk-").FullName;
    private Process? server;

    public int Port { get; } = FreePort();

    public string ConnectString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Jar))
        {
            throw new InvalidOperationException($"Apache ZooKeeper is not installed ({Jar} missing): apt-get install -y zookeeper");
        }
        var config = Path.Combine(dataDir, "zoo.cfg");
        await File.WriteAllTextAsync(config, $"tickTime=500\ndataDir={dataDir}\nclientPort={Port}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\nmaxSessionTimeout=60000\nminSessionTimeout=1000\nmaxClientCnxns=0\nforceSync=no\nextendedTypesEnabled=true\n4lw.commands.whitelist=*\n");
        var info = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-Xmx256m", "-Dzookeeper.root.logger=WARN,CONSOLE", "-cp", ClassPath, "org.apache.zookeeper.server.ZooKeeperServerMain", config })
        {
            info.ArgumentList.Add(arg);
        }
        server = Process.Start(info) ?? throw new InvalidOperationException("could not start java");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    public async Task DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        server?.Dispose();
        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>Sends a four-letter word and returns the answer.</summary>
    public async Task<string> FourLetterWordAsync(string word)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(word));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server!.HasExited)
            {
                throw new InvalidOperationException($"ZooKeeper exited with code {server.ExitCode}");
            }
            try
            {
                if ((await FourLetterWordAsync("ruok")).StartsWith("imok", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("ZooKeeper did not answer ruok within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ApacheZooKeeperCollection : ICollectionFixture<ApacheZooKeeper>
{
    public const string Name = "Apache ZooKeeper";
}
