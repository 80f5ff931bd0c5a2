using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using ZabActors.Journal;
using ZabActors.Node.Admin;
using ZabActors.Node.Configuration;
using ZabActors.Node.Serialization;
using ZabActors.Node.StateMachine;
using ZabActors.Quorum;
using ZabActors.Transport;

namespace ZabActors.Node.Hosting;

/// <summary>
/// One running server: an Akka.NET ActorSystem built from the node's file, with Akka.Remote bound to
/// the server's quorum address (throttler applied, so the test hooks can cut links), the journal in
/// the SQLite file of its data directory, the <see cref="QuorumPeerActor"/> with its state machine, and
/// the admin endpoint. <see cref="StopAsync"/> is the orderly way out: refuse new writes, stop the
/// peer (pending writes fail, connections close), then terminate the actor system.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    /// <summary>The journal's file inside the data directory.</summary>
    public const string JournalFileName = "zab.db";

    private readonly TaskCompletionSource<PeerStorageFailed?> peerTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger log;
    private int stopped;

    private NodeHost(NodeSettings settings, ILoggerFactory loggerFactory)
    {
        Settings = settings;
        log = loggerFactory.CreateLogger("ZabActors.Node");
        System = ActorSystem.Create(EnsembleDirectory.SystemName, CreateConfig(settings));
        Machines = new AppendLogStateMachineHolder();
        // Subscribed before the peer exists: a storage failure can stop the peer right at its start.
        var watcher = System.ActorOf(PeerWatcher.Props(settings.MyId, peerTerminated), "peer-watcher");
        System.EventStream.Subscribe(watcher, typeof(PeerStorageFailed));
        Admin = System.ActorOf(AdminActor.Props(settings.MyId, Machines, settings.Directory, settings.TestHooks, loggerFactory), EnsembleDirectory.AdminActorName);
        // Subscribed here, synchronously: the peer's first phase change is an election away.
        System.EventStream.Subscribe(Admin, typeof(PeerStateChanged));
        Peer = System.ActorOf(QuorumPeerActor.Props(settings.Quorum, Machines.Create), EnsembleDirectory.PeerActorName);
        watcher.Tell(new PeerWatcher.WatchPeer(Peer), ActorRefs.NoSender);
        Admin.Tell(new AdminActor.AttachPeer(Peer), ActorRefs.NoSender);
    }

    public NodeSettings Settings { get; }

    public ActorSystem System { get; }

    public IActorRef Peer { get; }

    public IActorRef Admin { get; }

    public AppendLogStateMachineHolder Machines { get; }

    /// <summary>
    /// Completes when the peer actor has stopped, on purpose or because it failed; with its
    /// <see cref="PeerStorageFailed"/> when it stopped because its storage became unreadable.
    /// </summary>
    public Task<PeerStorageFailed?> WhenPeerTerminated => peerTerminated.Task;

    /// <summary>Starts the server; a socket error when the quorum port cannot be bound.</summary>
    public static NodeHost Start(NodeSettings settings, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var host = new NodeHost(settings, loggerFactory);
        host.log.LogInformation("server {Sid} running ({Role}): quorum at {Address}, data in {DataDir}, admin at /user/{Admin}, pid {Pid}",
            settings.MyId, settings.Me.Role.ToString().ToLowerInvariant(), ((ExtendedActorSystem)host.System).Provider.DefaultAddress,
            settings.DataDirectory, EnsembleDirectory.AdminActorName, Environment.ProcessId);
        return host;
    }

    /// <summary>
    /// The ActorSystem's configuration: the node's own overrides (the admin serializer, the one path a
    /// remote selection may reach; a crashed server noticed within seconds, not Akka's two minutes, and
    /// its restart reached again after a short gate), the peer port, the SQLite journal, the node file,
    /// then the module defaults.
    /// </summary>
    public static Config CreateConfig(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var me = settings.Me;
        var node = ConfigurationFactory.ParseString($$"""
            {{AdminMessageSerializer.Hocon}}
            akka.remote.trusted-selection-paths = ["/user/{{EnsembleDirectory.AdminActorName}}"]
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.log-dead-letters = 0
            akka.remote.log-remote-lifecycle-events = off
            akka.remote.retry-gate-closed-for = 500ms
            akka.remote.transport-failure-detector.heartbeat-interval = 1s
            akka.remote.transport-failure-detector.acceptable-heartbeat-pause = 10s
            """);
        return QuorumConfig.WithDefaults(node
            .WithFallback(TransportConfig.Remote(new PeerEndpointOptions(me.Host, me.Port) { Throttler = true }))
            .WithFallback(ZabJournalConfig.Sqlite(Path.Combine(settings.DataDirectory, JournalFileName)))
            .WithFallback(settings.AkkaConfig));
    }

    /// <summary>The orderly shutdown; each step is bounded so a stuck step cannot keep the process alive.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }
        var deadline = DateTime.UtcNow + timeout;
        TimeSpan Left() => TimeSpan.FromMilliseconds(Math.Max(100, (deadline - DateTime.UtcNow).TotalMilliseconds));
        log.LogInformation("server {Sid} shutting down: refusing new writes", Settings.MyId);
        await Bounded(Admin.Ask<AdminAck>(StopAcceptingWrites.Instance, Left()), Left()).ConfigureAwait(false);
        System.Stop(Peer);
        await Bounded(WhenPeerTerminated, Left()).ConfigureAwait(false);
        log.LogInformation("server {Sid} left the ensemble; closing connections and the journal", Settings.MyId);
        await Bounded(System.Terminate(), Left()).ConfigureAwait(false);
        log.LogInformation("server {Sid} stopped", Settings.MyId);
    }

    public async ValueTask DisposeAsync() => await StopAsync(Settings.ShutdownTimeout).ConfigureAwait(false);

    private async Task Bounded(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.LogWarning("shutdown step did not finish cleanly: {Reason}", e.Message);
        }
    }
}
