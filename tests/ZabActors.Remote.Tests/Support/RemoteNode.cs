using Xunit.Abstractions;
using ZabActors.Actors;

namespace ZabActors.Remote.Tests.Support;

/// <summary>
/// One actor system with remoting over real TCP on 127.0.0.1 port 0, with its log lines captured.
/// Disposing terminates the system and waits for remoting to shut down.
/// </summary>
public sealed class RemoteNode : IAsyncDisposable
{
    public const string SystemName = "zab";

    /// <summary>Short heartbeats so that a partitioned or silent peer is declared terminated within a second or two.</summary>
    public static readonly RemoteSettings QuickFailureDetection = TestNode.FastSettings with
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(1000),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    private RemoteNode(ActorSystem system, CapturingLoggerProvider logs)
    {
        System = system;
        Logs = logs;
    }

    public ActorSystem System { get; }

    public Remoting Remoting => System.GetRemoting();

    public Address Address => Remoting.Address;

    public CapturingLoggerProvider Logs { get; }

    public static RemoteNode Start(
        long nodeId,
        ITestOutputHelper? output = null,
        RemoteSettings? settings = null,
        SerializerRegistry? serializers = null,
        bool withFailureInjector = false)
    {
        var logs = new CapturingLoggerProvider(output, $"[node {nodeId}] ");
        var remote = RemoteSetup.Create(settings ?? TestNode.FastSettings, nodeId, serializers);
        if (withFailureInjector)
            remote = remote.WithFailureInjector((int)nodeId);
        var system = RemoteActorSystem.Create(SystemName, null, remote, ActorSystemSetup.Empty.WithLoggerFactory(logs));
        return new RemoteNode(system, logs);
    }

    /// <summary>The ref another node would use for <paramref name="pathWithoutAddress"/> on this node.</summary>
    public string PathOf(string pathWithoutAddress) => Address + pathWithoutAddress;

    public ActorProbe CreateProbe(string name = "probe") => ActorProbe.Create(System, name);

    public async ValueTask DisposeAsync()
    {
        await System.Terminate().WaitAsync(Waiting.Timeout);
        await Remoting.WhenShutdown.WaitAsync(Waiting.Timeout);
    }
}
