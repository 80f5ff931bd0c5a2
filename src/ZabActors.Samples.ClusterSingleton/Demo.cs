using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>
/// <c>--demo</c>: starts three nodes of this program, waits for the singleton, SIGKILLs its node and
/// shows the lease and the singleton moving to another node; then stops the rest and prints every
/// recorded activation. The interesting lines of each node are echoed with the node's name.
/// </summary>
public static partial class Demo
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly string[] Interesting = ["SINGLETON", "LEASE", "CLUSTER", "is working", "SBR took decision", "lease "];

    public static async Task<int> RunAsync(SampleOptions options)
    {
        await using var localZooKeeper = options.ZooKeeper is null ? await LocalZooKeeper.StartAsync() : null;
        var connect = options.ZooKeeper ?? localZooKeeper!.ConnectString;
        var dir = Directory.CreateTempSubdirectory("singleton-demo-").FullName;
        var ports = FreePorts(3);
        var seeds = ports.Select(p => $"127.0.0.1:{p}").ToArray();
        var started = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        Say($"ZooKeeper {connect}; nodes 127.0.0.1:{string.Join(", :", ports)}; activations recorded under {dir}");
        var allUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nodes = new List<NodeProcess>();
        var last = "";
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var name = $"node-{i + 1}";
                var node = options with { Demo = false, Port = ports[i], Seeds = seeds, ZooKeeper = connect, Record = Path.Combine(dir, $"{name}.log") };
                nodes.Add(NodeProcess.Start(node.NodeArguments(), line => Show(name, line, started.Writer, allUp)));
            }
            var first = await NextStartAsync(started.Reader);
            // Kill only a formed cluster: a node still joining when the oldest dies is a different story.
            await allUp.Task.WaitAsync(Patience);
            Say($"the singleton runs on {first}; its node is killed with SIGKILL in {options.DemoKillAfter.TotalSeconds:0} s");
            await Task.Delay(options.DemoKillAfter);
            var victim = Array.FindIndex(seeds, seed => first.EndsWith($"@{seed}", StringComparison.Ordinal));
            nodes[victim].Kill();
            Say($"SIGKILL node-{victim + 1} ({first}). Its ZooKeeper session holds the lease until the session expires;");
            Say("meanwhile Split Brain Resolver downs the dead node and the next oldest node asks for the lease.");
            var second = await NextStartAsync(started.Reader);
            Say($"the singleton moved to {second}");
            last = second;
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        finally
        {
            // One at a time, the singleton's node last, so every node leaves a cluster that can still hand over.
            Say("stopping the nodes one at a time (SIGTERM)");
            var order = Enumerable.Range(0, nodes.Count).OrderBy(i => last.EndsWith($"@{seeds[i]}", StringComparison.Ordinal) ? 1 : 0);
            foreach (var i in order)
            {
                await nodes[i].StopAsync(TimeSpan.FromSeconds(30));
            }
            nodes.ForEach(n => n.Dispose());
        }
        PrintActivations(Directory.GetFiles(dir, "*.log"));
        return 0;
    }

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static async Task<string> NextStartAsync(ChannelReader<string> started)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await started.ReadAsync(timeout.Token);
    }

    private static void Show(string name, string line, ChannelWriter<string> started, TaskCompletionSource allUp)
    {
        var message = AkkaHeader().Replace(line, "$1 ");
        if (StartedLine().Match(message) is { Success: true } match)
        {
            started.TryWrite(match.Groups[1].Value);
        }
        if (ThreeUp().IsMatch(message))
        {
            allUp.TrySetResult();
        }
        // The sample's own lines, the lease's, and Split Brain Resolver's decisions; not Akka.Remote's reconnect noise.
        if (Interesting.Any(word => message.Contains(word, StringComparison.Ordinal)))
        {
            Console.WriteLine($"{name} | {message}");
        }
    }

    private static void PrintActivations(IEnumerable<string> files)
    {
        Say("recorded singleton activations (a node killed with SIGKILL has no stop):");
        foreach (var a in ActivationLog.Read(files).OrderBy(a => a.Start))
        {
            var stop = a.Stop is { } s ? s.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) : "(killed)";
            Console.WriteLine($"    {a.Node}  fencing token 0x{a.FencingToken:x}  {a.Start:HH:mm:ss.fff} .. {stop}");
        }
    }

    private static void Say(string text) => Console.WriteLine($"demo   | {text}");

    [GeneratedRegex(@"^(\[\w+\])\[[^\]]*\]\[[^\]]*\]\[[^\]]*\] ")]
    private static partial Regex AkkaHeader();

    [GeneratedRegex(@"sees up=\[[^,\]]+,[^,\]]+,[^,\]]+\] unreachable=\[\]")]
    private static partial Regex ThreeUp();

    [GeneratedRegex(@"SINGLETON STARTED on (\S+)")]
    private static partial Regex StartedLine();
}
