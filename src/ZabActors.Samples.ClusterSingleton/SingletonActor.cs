using Akka.Actor;
using Akka.Cluster;
using Akka.Coordination;
using Akka.Event;
using ZabActors.Coordination;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>
/// The cluster-wide singleton: it owns nothing but its own activation, which it announces in the log
/// and records (node, fencing token, start and stop) so that tests can check that no two activations
/// ever overlap. Its fencing token is the one of the lease its ClusterSingletonManager took before
/// creating it; a real singleton would pass it along with every write it makes.
/// </summary>
public sealed class SingletonActor : ReceiveActor, IWithTimers
{
    private readonly ActivationLog? record;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly string node;
    private long token;
    private int ticks;

    public SingletonActor(ActivationLog? record)
    {
        this.record = record;
        node = Cluster.Get(Context.System).SelfAddress.HostPort();
        Receive<Work>(_ => log.Info("singleton on {0} is working (fencing token 0x{1:x}, tick {2})", node, token, ++ticks));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ActivationLog? record) => Akka.Actor.Props.Create(() => new SingletonActor(record));

    protected override void PreStart()
    {
        token = HeldLease()?.FencingToken ?? 0;
        record?.Started(node, token, DateTimeOffset.UtcNow);
        log.Info("SINGLETON STARTED on {0} (fencing token 0x{1:x})", node, token);
        Timers.StartPeriodicTimer("work", Work.Instance, TimeSpan.FromSeconds(3));
    }

    protected override void PostStop()
    {
        record?.Stopped(node, token, DateTimeOffset.UtcNow);
        log.Info("SINGLETON STOPPED on {0} (fencing token 0x{1:x})", node, token);
    }

    /// <summary>The manager's lease: LeaseProvider hands out one instance per (name, config path, owner).</summary>
    private ZabLease? HeldLease()
    {
        var name = SampleLeases.SingletonLeaseName(Context.System, Context.Parent.Path);
        var lease = LeaseProvider.Get(Context.System).GetLease(name, ZabLeaseConfig.Path, node) as ZabLease;
        if (lease is null || lease.FencingToken == 0)
        {
            log.Warning("singleton on {0} started without a ZabActors lease: check akka.cluster.singleton.use-lease", node);
        }
        return lease;
    }

    private sealed record Work
    {
        public static readonly Work Instance = new();
    }
}
