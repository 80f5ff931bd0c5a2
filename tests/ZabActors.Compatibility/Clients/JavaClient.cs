namespace ZabActors.Compatibility.Clients;

/// <summary>
/// scripts/java/CompatClient.java, compiled once per test run with /usr/bin/javac into a temporary
/// directory against Debian's zookeeper.jar, and run with java; owns that directory's path.
/// </summary>
public static class JavaClient
{
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<Task<string>> Classes = new(CompileAsync);

    /// <summary>Runs one scenario of CompatClient; the class is compiled on first use.</summary>
    public static async Task<ChildResult> RunAsync(string connectString, string root, string scenario, TimeSpan timeout, params string[] extra)
    {
        var classes = await Classes.Value;
        return await ChildProcess.RunAsync("java",
            ["-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", $"{classes}:{ClientRuntimes.JavaClassPath}", "CompatClient", connectString, root, scenario, .. extra],
            timeout);
    }

    private static async Task<string> CompileAsync()
    {
        ClientRuntimes.RequireJava();
        var output = Directory.CreateTempSubdirectory("zab-compat-java-").FullName;
        var source = Path.Combine(ClientRuntimes.Scripts("java"), "CompatClient.java");
        var result = await ChildProcess.RunAsync("/usr/bin/javac", ["-d", output, "-cp", ClientRuntimes.JavaClassPath, source], CompileTimeout);
        if (result.ExitCode != 0 || result.TimedOut)
        {
            throw new Xunit.Sdk.XunitException($"javac could not compile {source}\n{result}");
        }
        return output;
    }
}
