using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ZabActors.Samples.ClusterSingleton;

namespace ZabActors.Coordination.Tests;

/// <summary>
/// Three processes of the Cluster Singleton sample (src/ZabActors.Samples.ClusterSingleton), each with
/// its own activation record and captured output, which the tests SIGKILL, SIGSTOP and SIGCONT. The
/// tests judge by what the nodes recorded and logged, and wait for it with generous deadlines.
/// </summary>
public sealed class SampleNodes : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("zab-singleton-nodes-").FullName;
    private readonly Process[] processes;
    private readonly ConcurrentQueue<string>[] output;

    public SampleNodes(string systemName, string zooKeeper, string leaseRoot)
    {
        SystemName = systemName;
        Ports = FreePorts(3);
        var config = Path.Combine(dir, "test.conf");
        File.WriteAllText(config, $"akka.coordination.lease.zabactors.lease-root = \"{leaseRoot}\"\n");
        var seeds = string.Join(',', Ports.Select(p => $"127.0.0.1:{p}"));
        output = [.. Enumerable.Range(0, 3).Select(_ => new ConcurrentQueue<string>())];
        processes = [.. Enumerable.Range(0, 3).Select(i => Start(i, ["--port", Ports[i].ToString(CultureInfo.InvariantCulture), "--seeds", seeds,
            "--zk", zooKeeper, "--record", RecordFile(i), "--config", config, "--system", systemName]))];
    }

    public string SystemName { get; }

    public int[] Ports { get; }

    /// <summary>The node's address as Akka and the lease name it: "{system}@127.0.0.1:{port}".</summary>
    public string Node(int i) => $"{SystemName}@127.0.0.1:{Ports[i]}";

    public int IndexOf(string node) => Enumerable.Range(0, 3).Single(i => Node(i) == node);

    public bool HasExited(int i) => processes[i].HasExited;

    public IReadOnlyList<string> Lines(int i) => [.. output[i]];

    public IReadOnlyList<Activation> Activations() => ActivationLog.Read(Enumerable.Range(0, 3).Select(RecordFile));

    /// <summary>SIGKILL; returns a time after the process is gone, an upper bound of anything it recorded.</summary>
    public DateTimeOffset Kill(int i)
    {
        processes[i].Kill();
        processes[i].WaitForExit();
        return DateTimeOffset.UtcNow;
    }

    public void Pause(int i) => Signal(i, "STOP");

    public void Resume(int i) => Signal(i, "CONT");

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> and the nodes' output otherwise.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s\n{Describe()}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The latest "CLUSTER ... sees up=[...]" line of node i, as its list of members up.</summary>
    public IReadOnlyList<string>? LatestUp(int i)
    {
        var line = Lines(i).LastOrDefault(l => l.Contains("CLUSTER ", StringComparison.Ordinal) && l.Contains(" sees up=[", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }
        var start = line.IndexOf("up=[", StringComparison.Ordinal) + 4;
        var members = line[start..line.IndexOf(']', start)];
        return members.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Each node's lines from the sample, the lease and Split Brain Resolver, for a failure message.</summary>
    public string Describe() => string.Join('\n', Enumerable.Range(0, 3).SelectMany(i => Lines(i)
        .Where(l => l.Contains("SINGLETON", StringComparison.Ordinal) || l.Contains("LEASE", StringComparison.Ordinal) || l.Contains("CLUSTER", StringComparison.Ordinal)
            || l.Contains("SBR", StringComparison.Ordinal) || l.Contains("lease ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal))
        .Select(l => $"node-{i + 1} | {l}")));

    public void Dispose()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                Signal(process, "CONT");
                process.Kill();
                process.WaitForExit();
            }
            process.Dispose();
        }
        Directory.Delete(dir, recursive: true);
    }

    private string RecordFile(int i) => Path.Combine(dir, $"node-{i + 1}.record");

    private Process Start(int i, string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SampleAssembly());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start a sample node");
        process.OutputDataReceived += (_, e) => Capture(i, e.Data);
        process.ErrorDataReceived += (_, e) => Capture(i, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Capture(int i, string? line)
    {
        if (line is not null)
        {
            output[i].Enqueue(line);
        }
    }

    private void Signal(int i, string signal) => Signal(processes[i], signal);

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>The sample's build output, beside this test assembly's (same configuration and framework).</summary>
    private static string SampleAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ZabActors.sln")))
        {
            root = root.Parent;
        }
        var sample = Path.Combine(root?.FullName ?? throw new InvalidOperationException("ZabActors.sln not found above the test assembly"),
            "src", "ZabActors.Samples.ClusterSingleton", "bin", configuration, framework, "ZabActors.Samples.ClusterSingleton.dll");
        return File.Exists(sample) ? sample : throw new InvalidOperationException($"{sample} is missing: build src/ZabActors.Samples.ClusterSingleton");
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
