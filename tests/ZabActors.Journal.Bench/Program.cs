using ZabActors.Journal.Bench;

// Usage:
//   bench (--sqlite PATH | --postgres CONNECTION-STRING) [--txns N]   append throughput at batch sizes 1, 8 and 64
//   crash-writer --sqlite PATH                                         appends until killed, printing "ack ZXID" per durable batch
return args.FirstOrDefault() switch
{
    "bench" => await AppendBenchmark.Run(BenchArgs.Parse(args[1..])),
    "crash-writer" => await CrashWriter.Run(BenchArgs.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench (--sqlite PATH | --postgres CONNECTION-STRING) [--txns N] | crash-writer --sqlite PATH");
    return 2;
}
