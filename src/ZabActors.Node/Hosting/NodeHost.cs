using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Node.Admin;
using ZabActors.Node.Configuration;
using ZabActors.Node.Networking;
using ZabActors.Node.Serialization;
using ZabActors.Node.StateMachine;
using ZabActors.Node.Storage;
using ZabActors.Quorum;
using ZabActors.Remote;

namespace ZabActors.Node.Hosting;

/// <summary>
/// One running server: its durable storage, the actor system with remoting bound to the server's
/// quorum address, the network actor, the <see cref="QuorumPeerActor"/> with its state machine, and the
/// admin endpoint. <see cref="StopAsync"/> is the orderly way out: refuse new writes, stop the peer
/// (pending writes fail, connections close), tell the other nodes this one is leaving, stop the
/// actor system and close the journal.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly NodePeerStorage storage;
    private readonly TaskCompletionSource<PeerStorageFailed?> peerTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger log;
    private int stopped;

    private NodeHost(NodeSettings settings, NodePeerStorage storage, ILoggerFactory loggerFactory)
    {
        Settings = settings;
        this.storage = storage;
        log = loggerFactory.CreateLogger("ZabActors.Node");
        System = RemoteActorSystem.Create(EnsembleDirectory.SystemName, settings.Config, CreateRemoteSetup(settings, loggerFactory),
            ActorSystemSetup.Empty.WithLoggerFactory(loggerFactory));
        var remoting = System.GetRemoting();
        var directory = settings.Directory;
        Network = new RemoteQuorumNetwork(directory, settings.MyId, remoting.EndpointManager.Uid,
            sid => remoting.Provider.ResolveActorRef(directory.PathOf(sid, EnsembleDirectory.NetworkActorName)),
            loggerFactory.CreateLogger<RemoteQuorumNetwork>());
        var networkActor = System.ActorOf(QuorumNetworkActor.Props(Network, directory), EnsembleDirectory.NetworkActorName);
        Network.Attach(networkActor);
        Machines = new AppendLogStateMachineHolder();
        // Subscribed before the peer exists: a storage failure can stop the peer right at its start.
        var watcher = System.ActorOf(PeerWatcher.Props(settings.MyId, peerTerminated), "peer-watcher");
        System.EventStream.Subscribe(watcher, typeof(PeerStorageFailed));
        Peer = System.ActorOf(QuorumPeerActor.Props(settings.Quorum, storage, Network, Machines.Create), "peer");
        watcher.Tell(new PeerWatcher.WatchPeer(Peer), ActorRefs.NoSender);
        Admin = System.ActorOf(AdminActor.Props(settings.MyId, Peer, Machines, directory, settings.TestHooks), EnsembleDirectory.AdminActorName);
        // Subscribed here, synchronously: the peer's first phase change is an election away.
        System.EventStream.Subscribe(Admin, typeof(PeerStateChanged));
    }

    public NodeSettings Settings { get; }

    public ActorSystem System { get; }

    public RemoteQuorumNetwork Network { get; }

    public IActorRef Peer { get; }

    public IActorRef Admin { get; }

    public AppendLogStateMachineHolder Machines { get; }

    /// <summary>
    /// Completes when the peer actor has stopped, on purpose or because it failed; with its
    /// <see cref="PeerStorageFailed"/> when it stopped because its storage became unreadable.
    /// </summary>
    public Task<PeerStorageFailed?> WhenPeerTerminated => peerTerminated.Task;

    /// <summary>
    /// Opens the storage and starts the server. Throws <see cref="ZabActors.Persistence.Zab.PeerStorageOpenException"/>
    /// when the storage cannot be opened and a socket error when the quorum port cannot be bound.
    /// </summary>
    public static NodeHost Start(NodeSettings settings, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var storage = NodePeerStorage.Open(settings.Config, settings.DataDirectory, settings.MyId, loggerFactory);
        try
        {
            var host = new NodeHost(settings, storage, loggerFactory);
            host.log.LogInformation("server {Sid} running ({Role}): quorum at {Address}, data in {DataDir}, admin at /user/{Admin}, pid {Pid}",
                settings.MyId, settings.Me.Role.ToString().ToLowerInvariant(), host.System.GetRemoting().Address, settings.DataDirectory,
                EnsembleDirectory.AdminActorName, Environment.ProcessId);
            return host;
        }
        catch
        {
            storage.Dispose();
            throw;
        }
    }

    /// <summary>The orderly shutdown; each step is bounded so a stuck step cannot keep the process alive.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
            return;
        var deadline = DateTime.UtcNow + timeout;
        TimeSpan Left() => TimeSpan.FromMilliseconds(Math.Max(100, (deadline - DateTime.UtcNow).TotalMilliseconds));
        log.LogInformation("server {Sid} shutting down: refusing new writes", Settings.MyId);
        await Bounded(Admin.Ask<AdminAck>(StopAcceptingWrites.Instance, Left()), Left()).ConfigureAwait(false);
        System.Stop(Peer);
        await Bounded(WhenPeerTerminated, Left()).ConfigureAwait(false);
        log.LogInformation("server {Sid} left the ensemble; closing connections and the journal", Settings.MyId);
        await Bounded(System.GetRemoting().ShutdownAsync(), Left()).ConfigureAwait(false);
        await Bounded(System.Terminate(), Left()).ConfigureAwait(false);
        storage.Dispose();
        log.LogInformation("server {Sid} stopped", Settings.MyId);
    }

    public async ValueTask DisposeAsync() => await StopAsync(Settings.ShutdownTimeout).ConfigureAwait(false);

    private static RemoteSetup CreateRemoteSetup(NodeSettings settings, ILoggerFactory loggerFactory)
    {
        var setup = RemoteSetup.Create(settings.Remote, settings.MyId, ZabSerializers.CreateRegistry(), settings.Directory.IsAllowedPeer)
            with
            {
                TieBreaker = EnsembleDirectory.TieBreaker,
                LoggerFactory = loggerFactory,
            };
        // The failure injector is what Partition/Heal drive; seeded by the server id so runs repeat.
        return settings.TestHooks ? setup.WithFailureInjector((int)settings.MyId) : setup;
    }

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
