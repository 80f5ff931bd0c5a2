namespace ZabActors.Benchmarks;

// One program, one subcommand per benchmark family; every measured configuration prints a
// single machine-readable "RESULT bench=... key=value ..." line so scripts can compare runs.
public static class Program
{
    private static readonly Dictionary<string, (string Description, Func<string[], Task<int>> Run)> Commands = new()
    {
        ["akka-actors"] = ("in-process actor message throughput on Akka.NET (ping-pong, fan-out)", AkkaActorBenchmarks.RunAsync),
        ["akka-remote"] = ("Akka.Remote ping-pong between two processes over TCP loopback", AkkaRemoteBenchmarks.RunAsync),
        ["zk-load"] = ("ZooKeeper-protocol load (N sessions x M outstanding; set/create/get/mixed) against any ensemble, ours or Apache ZooKeeper", ZooKeeperLoad.RunAsync),
        ["ensemble"] = ("3 server processes over TCP with SQLite (fsync): writes via leader and follower, 1 and 256 outstanding", EnsembleBenchmarks.RunAsync),
        ["failover"] = ("SIGKILL the leader of 3 server processes under load: time to the first commit of the new leader, 10 runs", FailoverBenchmarks.RunAsync),
        ["election"] = ("simulated election time after a leader crash (deterministic simulation, 1000 seeds)", ElectionBenchmarks.RunAsync),
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            Console.Error.WriteLine("usage: ZabActors.Benchmarks <benchmark> [options]");
            foreach (var (name, (description, _)) in Commands.OrderBy(c => c.Key))
                Console.Error.WriteLine($"  {name,-10} {description}");
            return args.Length == 0 ? 0 : 2;
        }
        return await command.Run(args[1..]);
    }
}
