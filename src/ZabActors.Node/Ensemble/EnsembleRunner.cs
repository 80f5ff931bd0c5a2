using System.Text;
using ZabActors.Node.Admin;
using ZabActors.Node.Hosting;

namespace ZabActors.Node.Ensemble;

/// <summary>
/// <c>zabactors --ensemble N</c>: a whole ensemble on this machine, as N separate processes of this
/// program with generated configurations (<c>./data/config/nodeK.conf</c>, data in <c>./data/node-K</c>,
/// free loopback ports). It prints where each server runs, waits for a leader, commits a few demo
/// writes through a follower and prints their zxids and the servers' status, then runs until Ctrl+C or
/// SIGTERM and stops every server in order.
/// </summary>
public static class EnsembleRunner
{
    private const int DemoWrites = 3;

    public static int Run(int size, NodeConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (size is < 1 or > 15)
        {
            console.Error.WriteLine($"zabactors: --ensemble {size}: give between 1 and 15 servers");
            return ExitCodes.InvalidInput;
        }
        if (size % 2 == 0)
            console.Error.WriteLine($"zabactors: warning: {size} voters tolerate no more failures than {size - 1} (use an odd number)");
        using var signal = new ShutdownSignal();
        return RunAsync(size, console, signal).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int size, NodeConsole console, ShutdownSignal signal)
    {
        var output = TextWriter.Synchronized(console.Out);
        await using var ensemble = LocalEnsemble.Create("data", size, 0, NodeLauncher.ForThisProcess(),
            echo: (sid, line) => output.WriteLine($"[node{sid}] {line}"));
        ensemble.StartAll();
        foreach (var server in ensemble.Servers)
        {
            output.WriteLine($"server {server.Id}: pid {ensemble.Process(server.Id)!.Pid}, quorum 127.0.0.1:{server.Port}, " +
                $"config {ensemble.ConfigFile(server.Id)}, data {ensemble.DataDirectory(server.Id)}");
        }
        output.WriteLine($"status: dotnet run --project src/ZabActors.Node -- status --config {ensemble.ConfigFile(1)}");
        var demo = Demo(ensemble, output, signal.Requested);
        var reason = await signal.Requested.ConfigureAwait(false);
        output.WriteLine($"{reason} received: stopping the servers");
        await Task.WhenAll(ensemble.Servers.Select(s => StopOne(ensemble, s.Id, output))).ConfigureAwait(false);
        await demo.ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Waits for a leader (until stopped), then commits the demo writes through a follower.</summary>
    private static async Task Demo(LocalEnsemble ensemble, TextWriter output, Task stopped)
    {
        long leader;
        while (true)
        {
            try
            {
                leader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                break;
            }
            catch (TimeoutException e)
            {
                if (stopped.IsCompleted)
                    return;
                output.WriteLine($"still waiting for a leader: {e.Message}");
            }
        }
        var through = ensemble.Servers.Select(s => s.Id).FirstOrDefault(id => id != leader, leader);
        output.WriteLine($"leader: server {leader}; writing {DemoWrites} demo transactions through server {through}");
        for (var i = 1; i <= DemoWrites && !stopped.IsCompleted; i++)
        {
            var text = $"demo write {i} of {DemoWrites}";
            var committed = await ensemble.WriteAsync(through, Encoding.UTF8.GetBytes(text), TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            output.WriteLine(committed is null ? $"'{text}' was not committed within 15s" : $"committed '{text}' at zxid {committed.Zxid}");
        }
        foreach (var line in StatusLine.FormatAll(await ensemble.StatusAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false)))
            output.WriteLine(line);
        output.WriteLine("the ensemble keeps running; Ctrl+C stops it");
    }

    private static async Task StopOne(LocalEnsemble ensemble, long sid, TextWriter output)
    {
        var code = await ensemble.StopAsync(sid, TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        output.WriteLine($"server {sid} exited with code {code}");
    }
}
