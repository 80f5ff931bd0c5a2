using System.Collections.Immutable;
using Akka.Actor;
using ZabActors.Zab;

namespace ZabActors.Journal.Bench;

/// <summary>
/// The child process of the kill -9 test: appends batches of 1 to 16 consecutive transactions of epoch 1 to
/// server 1's log until killed, with up to <see cref="InFlight"/> appends outstanding (so the kill also hits group
/// commits), and after each <see cref="LogDurable"/> prints <c>ack {zxid value}</c> and flushes: every printed zxid
/// was acknowledged as durable before the kill.
/// </summary>
public static class CrashWriter
{
    private const int InFlight = 8;

    public static async Task<int> Run(BenchArgs args)
    {
        var system = ActorSystem.Create("crash-writer", args.StoreConfig());
        var log = system.ActorOf(TxnLogActor.Props(1, TxnLogSettings.Create(system.Settings.Config)));
        var disk = await log.Ask<TxnLogProtocol.DiskRead>(TxnLogProtocol.ReadDisk.Instance, TimeSpan.FromSeconds(30));
        var next = disk.LastLoggedZxid.Counter + 1;
        var window = new Queue<Task<object>>();
        Console.WriteLine("ready");
        for (var round = 0; ; round++)
        {
            if (window.Count == InFlight && !Acknowledge(await window.Dequeue()))
            {
                return 1;
            }
            var size = 1 + (round % 16);
            var txns = Enumerable.Range(0, size)
                .Select(i => new Txn(Zxid.Make(1, next + i), Bytes.FromUtf8($"crash {next + i}")))
                .ToImmutableArray();
            window.Enqueue(log.Ask<object>(new AppendTxns(txns), TimeSpan.FromSeconds(30)));
            next += size;
        }
    }

    private static bool Acknowledge(object reply)
    {
        if (reply is not LogDurable durable)
        {
            Console.Error.WriteLine($"append failed: {reply}");
            return false;
        }
        Console.Out.WriteLine($"ack {durable.UpTo.Value}");
        Console.Out.Flush();
        return true;
    }
}
