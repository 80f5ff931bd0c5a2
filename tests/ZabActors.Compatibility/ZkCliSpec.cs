using ZabActors.Compatibility.Clients;
using ZabActors.Compatibility.Ensembles;

namespace ZabActors.Compatibility;

/// <summary>
/// zkCli.sh from Debian's zookeeper package, one command per invocation (`zkCli.sh -server H:P cmd
/// ...`). zkCli prints data on stdout, "Created" and errors on stderr, and exits 1 on an error.
/// </summary>
[Collection(CompatibilityCollection.Name)]
public sealed class ZkCliSpec(CompatibilityEnsemble fixture)
{
    private const string ZkCli = "/usr/share/zookeeper/bin/zkCli.sh";
    // One server for the whole sequence: a fresh session on another server could read before that
    // server applied the previous command's write (ZooKeeper reads are not linearizable across sessions).
    private const int Server = 2;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(45);
    private readonly IEnsembleUnderTest ensemble = fixture.Ensemble;

    [Fact]
    public async Task ZkCli_commands_should_work()
    {
        ClientRuntimes.RequireJava();
        var root = TestRoot.For("zkcli", "commands");
        // zkCli's create has no "make parents": the run's shared parent may already exist.
        ShouldContain(await CliAsync("create", root[..root.LastIndexOf('/')]), "");
        ShouldContain(await CliAsync("create", root, "hello"), $"Created {root}");
        (await CliAsync("get", root)).ShouldSucceed("hello");
        (await CliAsync("set", root, "world")).ShouldSucceed();
        (await CliAsync("get", "-s", root)).ShouldSucceed("world", "dataVersion = 1", "ephemeralOwner = 0x0", "numChildren = 0");
        ShouldContain(await CliAsync("create", root + "/child", "c"), $"Created {root}/child");
        (await CliAsync("ls", root)).ShouldSucceed("[child]");
        (await CliAsync("stat", root)).ShouldSucceed("numChildren = 1", "cversion = 1", "dataLength = 5");
        ShouldContain(await CliAsync("delete", root), $"Node not empty: {root}");
        (await CliAsync("delete", root + "/child")).ShouldSucceed();
        (await CliAsync("ls", root)).ShouldSucceed("[]");
        ShouldContain(await CliAsync("create", root + "/a", "x"), $"Created {root}/a");
        ShouldContain(await CliAsync("create", root + "/a/b", "y"), $"Created {root}/a/b");
        (await CliAsync("deleteall", root)).ShouldSucceed();
        ShouldContain(await CliAsync("get", root), $"Node does not exist: {root}");
    }

    /// <summary>Fails unless stdout or stderr contains every fragment, printing what zkCli said.</summary>
    private static void ShouldContain(ChildResult result, params string[] fragments)
    {
        if (result.TimedOut)
        {
            throw new Xunit.Sdk.XunitException($"zkCli.sh timed out\n{result}");
        }
        var said = result.Stdout + result.Stderr;
        var missing = fragments.Where(f => !said.Contains(f, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"zkCli.sh did not print: {string.Join(" | ", missing)}\n{result}");
        }
    }

    private async Task<ChildResult> CliAsync(params string[] command)
    {
        var environment = new Dictionary<string, string> { ["CLIENT_JVMFLAGS"] = "-XX:TieredStopAtLevel=1" };
        return await ChildProcess.RunAsync(ZkCli, ["-server", ensemble.ServerAddress(Server), .. command], CommandTimeout, environment: environment);
    }
}
