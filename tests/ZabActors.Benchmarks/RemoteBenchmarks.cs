using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ZabActors.Actors;
using ZabActors.Remote;
using ZabActors.Remote.Serialization;

namespace ZabActors.Benchmarks;

/// <summary>
/// Remote message throughput between two processes over TCP loopback: this process starts itself again
/// as a peer (hidden mode <c>remote peer --parent ADDRESS</c>), then one ping actor here and one pong
/// actor there bounce balls, 1000 in flight, each received ball answered to its sender. The rate counts
/// the balls received on BOTH sides (ping's count read here, pong's asked over the wire) during a
/// timed window after a warm-up, i.e. messages crossing the wire in either direction per second.
/// The peer exits when its standard input closes and is killed at the end in any case.
/// </summary>
/// <remarks>Usage: <c>remote [--seconds N] [--warmup N]</c>.</remarks>
public static class RemoteBenchmarks
{
    private const int InFlight = 1000;
    private const string PeerMode = "peer";
    private const string ReadyLine = "READY ";
    private const string CountRequest = "count";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == PeerMode)
            return await RunPeerAsync(args[1..]);
        var window = new MeasureWindow(Warmup: TimeSpan.FromSeconds(3), Measure: TimeSpan.FromSeconds(5));
        for (var i = 0; i < args.Length; i++)
        {
            if (!MeasureWindow.TryRead(args, ref i, ref window))
                return MeasureWindow.Usage("remote", args[i]);
        }
        return await RunPingPongAsync(window);
    }

    private static async Task<int> RunPingPongAsync(MeasureWindow window)
    {
        using var system = CreateSystem("bench", nodeId: 1);
        var address = system.GetRemoting().Address;
        using var peer = StartPeer(address);
        // SIGTERM skips finally blocks but runs ProcessExit; on SIGKILL the peer sees its stdin close.
        EventHandler killPeer = (_, _) => KillQuietly(peer);
        AppDomain.CurrentDomain.ProcessExit += killPeer;
        try
        {
            var peerAddress = await WaitForReadyAsync(peer);
            var pong = system.Provider.ResolveActorRef($"{peerAddress}/user/pong");
            var counter = new Counter();
            var ping = system.ActorOf(Props.Create(() => new Bouncer(counter)), "ping");
            for (var i = 0; i < InFlight; i++)
                pong.Tell(new Ball(i), ping);

            var (received, elapsed) = await window.RunAsync(
                () => SampleAsync(counter, pong),
                async before =>
                {
                    var after = await SampleAsync(counter, pong);
                    return after.Local - before.Local + after.Remote - before.Remote;
                });
            counter.Stopped = true;

            var rate = received / elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT bench=remote-pingpong pairs=1 inflight={InFlight} msgs_per_s={rate:0}"));
            return 0;
        }
        finally
        {
            StopPeer(peer);
            AppDomain.CurrentDomain.ProcessExit -= killPeer;
            await system.Terminate();
            await system.GetRemoting().WhenShutdown;
        }
    }

    /// <summary>Received counts of ping (here) and pong (asked over the wire, behind the balls in flight).</summary>
    private static async Task<(long Local, long Remote)> SampleAsync(Counter counter, IActorRef pong)
    {
        var local = Volatile.Read(ref counter.Received);
        var remote = await pong.Ask<long>(CountRequest, TimeSpan.FromSeconds(30));
        return (local, remote);
    }

    private static async Task<int> RunPeerAsync(string[] args)
    {
        if (args.Length != 2 || args[0] != "--parent" || !RemoteAddress.TryParse(args[1], out _, out _))
        {
            Console.Error.WriteLine("usage: remote peer --parent <address of the benchmark node>");
            return 2;
        }
        using var system = CreateSystem("bench-peer", nodeId: 2);
        var parentGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new Bouncer(new Counter())), "pong");
        Console.Out.WriteLine(ReadyLine + system.GetRemoting().Address);
        Console.Out.Flush();
        // Standard input closes when the parent ends, however it ends.
        _ = Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }
            parentGone.TrySetResult();
        });
        await parentGone.Task;
        await system.Terminate();
        await system.GetRemoting().WhenShutdown.WaitAsync(TimeSpan.FromSeconds(10));
        return 0;
    }

    private static ActorSystem CreateSystem(string name, long nodeId)
    {
        var serializers = SerializerRegistry.CreateDefault();
        serializers.Bind<Ball>(new BallSerializer());
        var remote = RemoteSetup.Create(RemoteSettings.Default with { Port = 0 }, nodeId, serializers);
        return RemoteActorSystem.Create(name, null, remote);
    }

    private static Process StartPeer(Address parent)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path to start the peer");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Under "dotnet ZabActors.Benchmarks.dll" the process is the host: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in new[] { "remote", PeerMode, "--parent", parent.ToString() })
            info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {self}");
    }

    private static async Task<string> WaitForReadyAsync(Process peer)
    {
        using var timeout = new CancellationTokenSource(StartupTimeout);
        while (await peer.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ReadyLine, StringComparison.Ordinal))
                return line[ReadyLine.Length..];
            Console.Error.WriteLine($"peer: {line}");
        }
        throw new InvalidOperationException($"the peer exited (code {(peer.HasExited ? peer.ExitCode : -1)}) before it was ready");
    }

    /// <summary>Asks the peer to exit by closing its input; kills it when it has not exited within 10 s.</summary>
    private static void StopPeer(Process peer)
    {
        try
        {
            peer.StandardInput.Close();
            if (peer.WaitForExit(TimeSpan.FromSeconds(10)))
                return;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
        }
        KillQuietly(peer);
    }

    private static void KillQuietly(Process peer)
    {
        try
        {
            if (!peer.HasExited)
                peer.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Balls received by one actor; written only by that actor, read by the benchmark thread.</summary>
    private sealed class Counter
    {
        public long Received;
        public volatile bool Stopped;
    }

    /// <summary>The message bounced between the nodes: a sequence number, 8 bytes on the wire.</summary>
    private sealed record Ball(long Sequence);

    /// <summary>Writes a ball's sequence number; the receiving side allocates the ball and nothing else.</summary>
    private sealed class BallSerializer : ISerializer
    {
        public int Identifier => 900;

        public string Manifest(object message) => "";

        public byte[] ToBinary(object message) => BitConverter.GetBytes(((Ball)message).Sequence);

        public void ToBinary(object message, IBufferWriter<byte> output) => output.WriteInt64(((Ball)message).Sequence);

        public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
        {
            var reader = new SpanReader(bytes);
            var ball = new Ball(reader.ReadInt64());
            reader.EnsureConsumed();
            return ball;
        }
    }

    /// <summary>Answers every ball to its sender until the benchmark stops; answers a count request with its count.</summary>
    private sealed class Bouncer : ReceiveActor
    {
        public Bouncer(Counter counter)
        {
            Receive<Ball>(ball =>
            {
                counter.Received++;
                if (!counter.Stopped) Sender.Tell(ball, Self);
            });
            Receive<string>(s => s == CountRequest, _ => Sender.Tell(Volatile.Read(ref counter.Received), Self));
        }
    }
}
