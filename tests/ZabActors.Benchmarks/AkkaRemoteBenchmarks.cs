using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Akka.Actor;
using Akka.Serialization;

namespace ZabActors.Benchmarks;

/// <summary>
/// The <c>remote</c> benchmark on Akka.Remote (DotNetty TCP over loopback): this process starts itself
/// again as the peer (<c>akka-remote peer --parent ADDRESS</c>), one ping actor here and one pong actor
/// there bounce 1000 balls in flight with an 8-byte binary serializer, and the rate counts balls
/// received on both sides during the window, i.e. messages crossing the wire per second.
/// </summary>
/// <remarks>Usage: <c>akka-remote [--seconds N] [--warmup N]</c>.</remarks>
public static class AkkaRemoteBenchmarks
{
    private const int InFlight = 1000;
    private const string PeerMode = "peer";
    private const string ReadyLine = "READY ";
    private const string CountRequest = "count";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 3 && args[0] == PeerMode && args[1] == "--parent")
            return await RunPeerAsync();
        var window = new MeasureWindow(Warmup: TimeSpan.FromSeconds(3), Measure: TimeSpan.FromSeconds(5));
        for (var i = 0; i < args.Length; i++)
        {
            if (!MeasureWindow.TryRead(args, ref i, ref window))
                return MeasureWindow.Usage("akka-remote", args[i]);
        }
        return await RunPingPongAsync(window);
    }

    private static async Task<int> RunPingPongAsync(MeasureWindow window)
    {
        var system = CreateSystem("bench");
        var address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        using var peer = StartPeer(address);
        try
        {
            var peerAddress = await WaitForReadyAsync(peer);
            var pong = await system.ActorSelection($"{peerAddress}/user/pong").ResolveOne(TimeSpan.FromSeconds(30));
            var counter = new Counter();
            var ping = system.ActorOf(Props.Create(() => new Bouncer(counter)), "ping");
            for (var i = 0; i < InFlight; i++)
                pong.Tell(new Ball(i), ping);
            var (received, elapsed) = await window.RunAsync(
                () => SampleAsync(counter, pong),
                async before =>
                {
                    var after = await SampleAsync(counter, pong);
                    return after - before;
                });
            counter.Stopped = true;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT bench=akka-remote-pingpong pairs=1 inflight={InFlight} msgs_per_s={received / elapsed:0}"));
            return 0;
        }
        finally
        {
            StopPeer(peer);
            await system.Terminate();
        }
    }

    /// <summary>Balls received here plus those received by pong (asked behind the balls in flight).</summary>
    private static async Task<long> SampleAsync(Counter counter, IActorRef pong)
    {
        var local = Volatile.Read(ref counter.Received);
        var remote = await pong.Ask<long>(CountRequest, TimeSpan.FromSeconds(30));
        return local + remote;
    }

    private static async Task<int> RunPeerAsync()
    {
        var system = CreateSystem("bench-peer");
        system.ActorOf(Props.Create(() => new Bouncer(new Counter())), "pong");
        Console.Out.WriteLine(ReadyLine + ((ExtendedActorSystem)system).Provider.DefaultAddress);
        Console.Out.Flush();
        // Standard input closes when the parent ends, however it ends.
        await Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }
        });
        await system.Terminate();
        return 0;
    }

    private static ActorSystem CreateSystem(string name)
    {
        var ball = typeof(Ball).AssemblyQualifiedName!.Split(',')[0] + ", " + typeof(Ball).Assembly.GetName().Name;
        var serializer = typeof(BallSerializer).AssemblyQualifiedName!.Split(',')[0] + ", " + typeof(BallSerializer).Assembly.GetName().Name;
        return ActorSystem.Create(name, $$"""
            akka.loglevel = WARNING
            akka.log-dead-letters = off
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.actor.serializers.bench-ball = "{{serializer}}"
            akka.actor.serialization-bindings { "{{ball}}" = bench-ball }
            """);
    }

    private static Process StartPeer(Address parent)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path to start the peer");
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Under "dotnet ZabActors.Benchmarks.dll" the process is the host: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in new[] { "akka-remote", PeerMode, "--parent", parent.ToString() })
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
            if (!peer.WaitForExit(TimeSpan.FromSeconds(10)) && !peer.HasExited)
                peer.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
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
    public sealed record Ball(long Sequence);

    /// <summary>Writes a ball's sequence number and nothing else.</summary>
    public sealed class BallSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
    {
        public override int Identifier => 4190;

        public override string Manifest(object o) => "B";

        public override byte[] ToBinary(object obj)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, ((Ball)obj).Sequence);
            return bytes;
        }

        public override object FromBinary(byte[] bytes, string manifest) =>
            bytes.Length == 8 ? new Ball(BinaryPrimitives.ReadInt64LittleEndian(bytes)) : throw new System.Runtime.Serialization.SerializationException($"a ball is 8 bytes, got {bytes.Length}");
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
