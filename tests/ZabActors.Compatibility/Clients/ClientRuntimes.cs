using System.Reflection;

namespace ZabActors.Compatibility.Clients;

/// <summary>
/// Where the client programs live and what runs them: the project folder (scripts and node_modules),
/// the python3 that imports kazoo, the Java classpath of Debian's zookeeper package. A missing runtime
/// fails the test with the install command, never skips it.
/// </summary>
public static class ClientRuntimes
{
    public const string ZooKeeperJar = "/usr/share/java/zookeeper.jar";

    private static readonly Lazy<Task<string>> KazooPython = new(FindKazooPythonAsync);

    /// <summary>The project's source folder, baked in at build time.</summary>
    public static string ProjectDirectory { get; } = typeof(ClientRuntimes).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CompatibilityProjectDirectory").Value!;

    public static string Scripts(string client) => Path.Combine(ProjectDirectory, "scripts", client);

    public static string NodeDirectory => Path.Combine(ProjectDirectory, "node");

    /// <summary>The client's compile and run classpath: zookeeper.jar, its jute records, slf4j without output.</summary>
    public static string JavaClassPath => string.Join(':', ZooKeeperJar, "/usr/share/java/zookeeper-jute.jar", "/usr/share/java/slf4j-api.jar", "/usr/share/java/slf4j-nop.jar");

    /// <summary>
    /// The first python3 that imports kazoo. /usr/bin/python3 comes first because Debian's python3-kazoo
    /// installs there, while a python3 earlier on PATH (pyenv) usually lacks it.
    /// </summary>
    public static Task<string> PythonWithKazooAsync() => KazooPython.Value;

    public static void RequireNodeZooKeeperClient()
    {
        var package = Path.Combine(NodeDirectory, "node_modules", "node-zookeeper-client", "package.json");
        if (!File.Exists(package))
        {
            throw new Xunit.Sdk.XunitException($"node-zookeeper-client is not installed ({package} missing): run `npm ci --prefix {NodeDirectory}` (.ci/run does it)");
        }
    }

    public static void RequireJava()
    {
        if (!File.Exists(ZooKeeperJar) || !File.Exists("/usr/bin/javac"))
        {
            throw new Xunit.Sdk.XunitException($"the Java client needs {ZooKeeperJar} and /usr/bin/javac: apt-get install -y zookeeper default-jdk-headless (.ci/run installs zookeeper)");
        }
    }

    private static async Task<string> FindKazooPythonAsync()
    {
        var tried = new List<string>();
        foreach (var python in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                var probe = await ChildProcess.RunAsync(python, ["-c", "import kazoo, kazoo.client; print(kazoo.__file__)"], TimeSpan.FromSeconds(30));
                if (probe.ExitCode == 0)
                {
                    return python;
                }
                tried.Add($"{python}: {probe.Stderr.Trim()}");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                tried.Add($"{python}: {e.Message}");
            }
        }
        throw new Xunit.Sdk.XunitException($"no python3 imports kazoo: apt-get install -y python3-kazoo (.ci/run does it)\n{string.Join('\n', tried)}");
    }
}
