using Xunit.Abstractions;
using ZabActors.Integration.Tests.Support;
using ZabActors.Node.Ensemble;

namespace ZabActors.Integration.Tests;

public sealed class CommandLineTests(ITestOutputHelper output) : EnsembleTest(output)
{
    [Fact]
    public async Task Status_write_and_history_commands_talk_to_a_running_ensemble_and_sigterm_leaves_in_order()
    {
        var ensemble = CreateEnsemble(voters: 3);
        ensemble.StartAll();
        var leader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30));
        var config = ensemble.ConfigFile(1);

        var write = await Tool("write", "--config", config, "--data", "from the command line", "--server", "2");
        Assert.Equal(0, write.ExitCode);
        var zxid = Assert.Single(write.Lines);
        Assert.Matches("^0x[0-9a-f]+01$", zxid);

        var history = await Tool("history", "--config", config, "--server", "3");
        Assert.Equal(0, history.ExitCode);
        // The follower may apply the commit a moment after the writer's server answered.
        if (history.Lines.Count == 0)
        {
            await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(10));
            history = await Tool("history", "--config", config, "--server", "3");
        }
        Assert.Equal($"{zxid} origin=2 from the command line", Assert.Single(history.Lines));

        var follower = ensemble.Servers.First(s => s.Id != leader).Id;
        Assert.Equal(0, await ensemble.StopAsync(follower, TimeSpan.FromSeconds(10)));
        Assert.Contains(ensemble.Process(follower)!.Lines(), line => line.Contains($"server {follower} stopped"));

        var status = await Tool("status", "--config", config, "--timeout", "1");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(3, status.Lines.Count);
        Assert.Equal($"id={follower} state=DOWN", status.Lines[(int)follower - 1]);
        Assert.StartsWith($"id={leader} state=LEADING epoch=1 zxid={zxid} leader={leader} lag=0", status.Lines[(int)leader - 1]);

        var refused = await Tool("write", "--config", config, "--data", "x", "--server", "9");
        Assert.Equal(2, refused.ExitCode);
    }

    private async Task<(int ExitCode, IReadOnlyList<string> Lines)> Tool(params string[] arguments)
    {
        using var process = NodeProcess.Start(Ensemble.Launcher, arguments, "tool");
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"zabactors {string.Join(' ', arguments)} did not exit");
        // Output events may trail the exit by a moment: wait for the streams to close.
        await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
        var lines = process.Lines();
        Output.WriteLine($"$ zabactors {string.Join(' ', arguments)} -> {process.ExitCode}");
        foreach (var line in lines)
            Output.WriteLine(line);
        return (process.ExitCode ?? -1, lines);
    }
}
