namespace ZabActors.Samples.ClusterSingleton;

/// <summary>
/// The sample's command line: one node (<c>--port --seeds --zk --record --config</c>) or the
/// three-process <c>--demo</c>. Anything left out comes from the HOCON (embedded sample.conf, then
/// the <c>--config</c> file).
/// </summary>
public sealed record SampleOptions
{
    public const string Usage = """
        Cluster Singleton guarded by the ZabActors lease.

          one node:  ZabActors.Samples.ClusterSingleton --port 4053 --seeds 127.0.0.1:4053,127.0.0.1:4054 --zk 127.0.0.1:2181
          demo:      ZabActors.Samples.ClusterSingleton --demo [--zk 127.0.0.1:2181]

          --port P            Akka.Remote port of this node (default: akka.remote.dot-netty.tcp.port)
          --seeds H:P,...     seed nodes (default: akka.cluster.seed-nodes)
          --zk CONNECT        ZooKeeper connect string (default: akka.coordination.lease.zabactors.connect-string);
                              in --demo mode without --zk a local Apache ZooKeeper is started if installed
          --record FILE       append one line per singleton start and stop on this node, flushed per line
          --config FILE       HOCON layered over the sample's defaults
          --system NAME       ActorSystem name (default: singleton-sample)
          --demo              start three nodes, SIGKILL the singleton's node, show the lease move
          --demo-kill-after S seconds the first singleton runs before its node is killed (default 10)
        """;

    public int? Port { get; init; }

    public IReadOnlyList<string> Seeds { get; init; } = [];

    public string? ZooKeeper { get; init; }

    public string? Record { get; init; }

    public string? ConfigFile { get; init; }

    public string SystemName { get; init; } = "singleton-sample";

    public bool Demo { get; init; }

    public TimeSpan DemoKillAfter { get; init; } = TimeSpan.FromSeconds(10);

    public bool Help { get; init; }

    /// <summary>Reads the arguments; a mistake is an <see cref="ArgumentException"/> naming the option.</summary>
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SampleOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--port" => options with { Port = ParsePort(Value()) },
                "--seeds" => options with { Seeds = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--zk" => options with { ZooKeeper = Value() },
                "--record" => options with { Record = Value() },
                "--config" => options with { ConfigFile = Value() },
                "--system" => options with { SystemName = Value() },
                "--demo" => options with { Demo = true },
                "--demo-kill-after" => options with { DemoKillAfter = TimeSpan.FromSeconds(int.Parse(Value())) },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return options;
    }

    /// <summary>The arguments that start a node with these options (the demo's children).</summary>
    public IEnumerable<string> NodeArguments()
    {
        if (Port is { } port)
        {
            yield return "--port";
            yield return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (Seeds.Count > 0)
        {
            yield return "--seeds";
            yield return string.Join(',', Seeds);
        }
        foreach (var (flag, value) in new[] { ("--zk", ZooKeeper), ("--record", Record), ("--config", ConfigFile), ("--system", SystemName) })
        {
            if (value is not null)
            {
                yield return flag;
                yield return value;
            }
        }
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, out var port) && port is >= 0 and <= 65535 ? port : throw new ArgumentException($"--port {value} is not a port");
}
