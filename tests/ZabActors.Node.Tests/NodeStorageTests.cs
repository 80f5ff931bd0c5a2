using ZabActors.Node.Ensemble;

namespace ZabActors.Node.Tests;

/// <summary>What the process does when its storage cannot be opened: one line on stderr and exit code 4.</summary>
public sealed class NodeStorageTests : IDisposable
{
    private const long MyId = 1;
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string DataDirectory => Path.Combine(dir.Path, "data");

    [Fact]
    public void A_journal_file_sqlite_cannot_read_fails_the_server_before_it_joins_with_one_line_and_exit_code_4()
    {
        Directory.CreateDirectory(DataDirectory);
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(DataDirectory, "zab.db"), garbage);

        var (exitCode, output, error) = RunServer();

        Assert.Equal(ExitCodes.StorageFailed, exitCode);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        // The journal reports the unreadable file when the peer recovers: one line naming the store.
        Assert.StartsWith($"zabactors: server {MyId} stopped: its storage ", line);
        Assert.Contains("akka.persistence.journal.sql", line);
    }

    /// <summary>Runs the server in this process (a one-voter ensemble) until it exits on its own.</summary>
    private (int ExitCode, string Out, string Error) RunServer()
    {
        var ports = FreePorts.Allocate(2);
        var file = dir.Write("node.conf", $$"""
            zab {
              myid = {{MyId}}
              data-dir = "{{DataDirectory.Replace("\\", "/")}}"
              client-port = {{ports[1]}}
              tick-time = 100ms
              ensemble.servers = [ { id = {{MyId}}, host = "127.0.0.1", port = {{ports[0]}} } ]
              node { shutdown-timeout = 5s, log-level = warning }
            }
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => Program.Run(["run", "--config", file], stdout, stderr));
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the server did not exit on its own");
        return (run.Result, stdout.ToString(), stderr.ToString());
    }
}
