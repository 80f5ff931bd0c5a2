using System.Text;
using Akka.Actor;
using Akka.Coordination;
using Akka.Event;
using ZabActors.Client;
using ZabActors.Coordination;
using ZabActors.ZooKeeper.Data;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>
/// Watches one lease's znode and logs each change of its holder and fencing token, so that a reader
/// of any node's log sees the lease move. It only reads; the lease itself belongs to Akka (the
/// singleton manager or Split Brain Resolver). It reads through the node's shared ZooKeeper session
/// and looks again whenever a watch fires or that session is replaced.
/// </summary>
public sealed class LeaseWatcherActor : ReceiveActor, IWithTimers
{
    private readonly string leaseName;
    private readonly string path;
    private readonly ZabLeaseSettings settings;
    private readonly ZabLeaseClients clients;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private ZooKeeperClient? subscribed;
    private Seen? last;

    public LeaseWatcherActor(string leaseName)
    {
        this.leaseName = leaseName;
        var config = Context.System.Settings.Config.GetConfig(ZabLeaseConfig.Path);
        settings = ZabLeaseSettings.Create(new LeaseSettings(leaseName, "lease-watcher", TimeoutSettings.Create(config), config));
        path = $"{settings.LeaseRoot}/{ZabLeaseSettings.NodeName(leaseName)}";
        clients = ZabLeaseClients.Get(Context.System);
        Receive<Look>(_ => StartLooking());
        Receive<ZooKeeperWatchFired>(_ => StartLooking());
        Receive<ZooKeeperSessionChanged>(changed => OnSessionChanged(changed));
        Receive<Looked>(looked => OnLooked(looked));
        Receive<Status.Failure>(failure =>
        {
            log.Debug("lease watcher for {0}: {1}; looking again shortly", leaseName, failure.Cause.Message);
            Timers.StartSingleTimer("retry", Look.Instance, TimeSpan.FromSeconds(2));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string leaseName) => Akka.Actor.Props.Create(() => new LeaseWatcherActor(leaseName));

    protected override void PreStart() => Self.Tell(Look.Instance);

    private void StartLooking() => LookAsync(Self).PipeTo(Self);

    private void OnSessionChanged(ZooKeeperSessionChanged changed)
    {
        if (changed.State is SessionState.Expired or SessionState.Closed)
        {
            // Watches die with the session; the next look goes through its replacement.
            Timers.StartSingleTimer("retry", Look.Instance, TimeSpan.FromSeconds(1));
        }
    }

    private void OnLooked(Looked looked)
    {
        if (!ReferenceEquals(subscribed, looked.Client))
        {
            subscribed = looked.Client;
            looked.Client.SubscribeSessionChanges(Self);
        }
        if (looked.Seen == last)
        {
            return;
        }
        last = looked.Seen;
        if (looked.Seen.Holder is null)
        {
            log.Info("LEASE {0} is free", leaseName);
            return;
        }
        log.Info("LEASE {0} held by {1} (fencing token 0x{2:x}, session 0x{3:x})", leaseName, looked.Seen.Holder, looked.Seen.FencingToken, looked.Seen.Session);
    }

    private async Task<Looked> LookAsync(IActorRef self)
    {
        var client = await clients.GetAsync(settings);
        var watcher = ActorWatchers.WatcherFor(self);
        while (true)
        {
            try
            {
                var (data, stat) = await client.GetDataAsync(path, watcher);
                return new Looked(client, new Seen(Encoding.UTF8.GetString(data ?? []), stat.Czxid, stat.EphemeralOwner));
            }
            catch (KeeperException e) when (e.Code == ErrorCode.NoNode)
            {
                // Free: watch for its creation; if it was created meanwhile, read it.
                if (await client.ExistsAsync(path, watcher) is null)
                {
                    return new Looked(client, new Seen(null, 0, 0));
                }
            }
        }
    }

    private sealed record Look
    {
        public static readonly Look Instance = new();
    }

    private sealed record Seen(string? Holder, long FencingToken, long Session);

    private sealed record Looked(ZooKeeperClient Client, Seen Seen);
}
