using System.Net;
using System.Net.Sockets;
using ZabActors.Hocon;
using ZabActors.Node.Configuration;

namespace ZabActors.Node.Tests;

public sealed class NodeConfigValidationTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Node(string body) => dir.Write($"node-{Guid.NewGuid():N}.conf", body);

    private string Servers(params (long Id, int Port)[] servers) =>
        "zab.ensemble.servers = [\n" + string.Join("\n", servers.Select(s => $"  {{ id = {s.Id}, host = \"127.0.0.1\", port = {s.Port} }}")) + "\n]\n";

    private string DataDir(string name = "data") => $"zab.data-dir = \"{Path.Combine(dir.Path, name).Replace("\\", "/")}\"\n";

    private static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = Program.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneLineError((int ExitCode, string Out, string Error) result, string expected)
    {
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal("", result.Out);
        var lines = result.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("zabactors: ", lines[0]);
        Assert.Contains(expected, lines[0]);
    }

    [Fact]
    public void A_valid_file_gives_the_node_its_settings()
    {
        var file = Node("zab.myid = 2\n" + DataDir() + "zab.client-port = 2181\nzab.tick-time = 200ms\n" + Servers((1, 2881), (2, 2882), (3, 2883)));
        var settings = NodeConfigValidator.Parse(NodeConfigValidator.Load(file));
        Assert.Equal(2, settings.MyId);
        Assert.Equal(2882, settings.Me.Port);
        Assert.Equal("127.0.0.1", settings.Me.Host);
        var akka = Hosting.NodeHost.CreateConfig(settings);
        Assert.Equal(2882, akka.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal("remote", akka.GetString("akka.actor.provider"));
        Assert.Equal(2, akka.GetLong("zab.myid"));
        Assert.Equal(2181, settings.ClientPort);
        Assert.Equal(200, settings.Quorum.Timing.TickTimeMs);
        Assert.Equal(Path.Combine(dir.Path, "data"), settings.DataDirectory);
        Assert.Equal(3, settings.VoterCount);
        Assert.Empty(NodeConfigValidator.Warnings(settings));
    }

    [Fact]
    public void Environment_variables_override_the_marked_settings()
    {
        var file = Node("zab { myid = 1, myid = ${?ZAB_MYID}\n data-dir = \"a\", data-dir = ${?ZAB_DATA_DIR} }\n" + Servers((1, 2881), (2, 2882), (3, 2883)));
        var env = new Dictionary<string, string> { ["ZAB_MYID"] = "3", ["ZAB_DATA_DIR"] = Path.Combine(dir.Path, "three") };
        var settings = NodeConfigValidator.Parse(NodeConfigValidator.Load(file, name => env.GetValueOrDefault(name)));
        Assert.Equal(3, settings.MyId);
        Assert.Equal(Path.Combine(dir.Path, "three"), settings.DataDirectory);
        Assert.Equal(1, NodeConfigValidator.Parse(NodeConfigValidator.Load(file, _ => null)).MyId);
    }

    [Fact]
    public void A_missing_myid_is_a_one_line_error_and_exit_code_2()
    {
        var file = Node(DataDir() + Servers((1, 2881), (2, 2882), (3, 2883)));
        AssertOneLineError(Run("run", "--config", file), "zab.myid is not set");
        AssertOneLineError(Run("--config", file), "zab.myid is not set");
    }

    [Fact]
    public void A_myid_outside_the_ensemble_is_refused()
    {
        var file = Node("zab.myid = 4\n" + DataDir() + Servers((1, 2881), (2, 2882), (3, 2883)));
        AssertOneLineError(Run("run", "--config", file), "zab.myid 4 is not in zab.ensemble.servers");
    }

    [Fact]
    public void A_missing_server_list_is_refused()
    {
        AssertOneLineError(Run("run", "--config", Node("zab.myid = 1\n" + DataDir())), "zab.ensemble.servers is not set");
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var file = Node("zab.myid = 1\n" + DataDir() + Servers((1, 2881), (2, 2882), (2, 2883)));
        AssertOneLineError(Run("run", "--config", file), "server id 2 appears twice");
    }

    [Fact]
    public void Duplicate_addresses_are_refused()
    {
        var file = Node("zab.myid = 1\n" + DataDir() + Servers((1, 2881), (2, 2882), (3, 2882)));
        AssertOneLineError(Run("run", "--config", file), "servers 2 and 3 in zab.ensemble.servers share the address 127.0.0.1:2882");
    }

    [Fact]
    public void A_quorum_port_in_use_is_refused_before_anything_starts()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var file = Node("zab.myid = 1\n" + DataDir() + Servers((1, port), (2, 2882), (3, 2883)));
            AssertOneLineError(Run("run", "--config", file), $"port {port} on 127.0.0.1 (server 1's quorum port) is already in use");
            Assert.False(Directory.Exists(Path.Combine(dir.Path, "data", "journal.db")));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void A_client_port_in_use_or_equal_to_the_quorum_port_is_refused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var busy = ((IPEndPoint)listener.LocalEndpoint).Port;
            var free = Ensemble.FreePorts.Allocate(1)[0];
            var inUse = Node($"zab.myid = 1\nzab.client-port = {busy}\n" + DataDir() + Servers((1, free), (2, 2882), (3, 2883)));
            AssertOneLineError(Run("run", "--config", inUse), $"port {busy} on 127.0.0.1 (zab.client-port) is already in use");
        }
        finally
        {
            listener.Stop();
        }
        var same = Node("zab.myid = 1\nzab.client-port = 2881\n" + DataDir() + Servers((1, 2881), (2, 2882), (3, 2883)));
        AssertOneLineError(Run("run", "--config", same), "zab.client-port 2881 is also server 1's quorum port");
        var range = Node("zab.myid = 1\nzab.client-port = 70000\n" + DataDir() + Servers((1, 2881), (2, 2882), (3, 2883)));
        AssertOneLineError(Run("run", "--config", range), "zab.client-port 70000 is not a TCP port");
    }

    [Fact]
    public void An_unwritable_data_directory_is_refused()
    {
        // A directory below a regular file cannot be created, whoever runs the test (root included).
        var blocker = dir.Write("not-a-directory", "x");
        var port = Ensemble.FreePorts.Allocate(1)[0];
        var file = Node($"zab.myid = 1\nzab.data-dir = \"{Path.Combine(blocker, "data").Replace("\\", "/")}\"\n" + Servers((1, port), (2, 2882), (3, 2883)));
        AssertOneLineError(Run("run", "--config", file), "zab.data-dir");
        Assert.Contains("is not writable", Run("run", "--config", file).Error);
    }

    [Fact]
    public void An_even_number_of_voters_is_only_a_warning()
    {
        var file = Node("zab.myid = 1\n" + DataDir() + Servers((1, 2881), (2, 2882), (3, 2883), (4, 2884)));
        var settings = NodeConfigValidator.Parse(NodeConfigValidator.Load(file));
        var warning = Assert.Single(NodeConfigValidator.Warnings(settings));
        Assert.Contains("4 voters", warning);
        var withObserver = Node("zab.myid = 1\n" + DataDir() +
            "zab.ensemble.servers = [ { id = 1, host = \"127.0.0.1\", port = 2881 }, { id = 2, host = \"127.0.0.1\", port = 2882 }, " +
            "{ id = 3, host = \"127.0.0.1\", port = 2883 }, { id = 4, host = \"127.0.0.1\", port = 2884, role = observer } ]");
        Assert.Empty(NodeConfigValidator.Warnings(NodeConfigValidator.Parse(NodeConfigValidator.Load(withObserver))));
    }

    [Theory]
    [InlineData("zab.node.log-level = loud", "zab.node.log-level 'loud'")]
    [InlineData("zab.tick-time = 0ms", "zab.tick-time")]
    [InlineData("zab.ensemble.servers = [ { id = 1, host = \"127.0.0.1\", port = 2881, role = boss } ]", "role must be participant or observer")]
    [InlineData("zab.data-dir = \"\"", "zab.data-dir is empty")]
    public void Other_bad_values_name_their_key(string line, string expected)
    {
        var file = Node("zab.myid = 1\n" + DataDir() + Servers((1, 2881), (2, 2882), (3, 2883)) + line + "\n");
        var error = Assert.ThrowsAny<ConfigException>(() => NodeConfigValidator.Parse(NodeConfigValidator.Load(file)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_sample_configurations_are_valid()
    {
        var hocon = FindRepositoryFile("hocon");
        var files = Directory.GetFiles(hocon, "*.conf", SearchOption.AllDirectories).Where(f => !f.EndsWith("reference.conf")).ToList();
        Assert.Equal(10, files.Count);
        foreach (var file in files)
        {
            var settings = NodeConfigValidator.Parse(NodeConfigValidator.Load(file, _ => null));
            Assert.Empty(NodeConfigValidator.Warnings(settings));
        }
        var observer = NodeConfigValidator.Parse(NodeConfigValidator.Load(Path.Combine(hocon, "ensemble-5-observer", "node6.conf"), _ => null));
        Assert.Equal(ZabActors.Zab.LearnerType.Observer, observer.Me.Role);
        Assert.Equal(5, observer.VoterCount);
    }

    [Fact]
    public void Tools_refuse_a_bad_file_with_exit_code_2()
    {
        var (exitCode, _, error) = Run("status", "--config", Node("zab.myid = 1"));
        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.StartsWith("zabactors status: ", error);
        Assert.Equal(ExitCodes.InvalidInput, Run("write", "--config", Path.Combine(dir.Path, "absent.conf"), "--data", "x").ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, Run("--ensemble", "0").ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, Run("--ensemble", "3", "--config", "x.conf").ExitCode);
    }

    private static string FindRepositoryFile(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "ZabActors.sln")))
                return Path.Combine(d.FullName, name);
        }
        throw new DirectoryNotFoundException("no ZabActors.sln above the test binaries");
    }
}
