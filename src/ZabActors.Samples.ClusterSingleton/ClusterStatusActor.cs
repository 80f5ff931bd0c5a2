using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>Logs this node's view of the cluster (members up, unreachable) whenever it changes.</summary>
public sealed class ClusterStatusActor : ReceiveActor
{
    private readonly Cluster cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter log = Context.GetLogger();
    private string? last;

    public ClusterStatusActor()
    {
        Receive<ClusterEvent.IClusterDomainEvent>(_ => Report());
        Receive<ClusterEvent.CurrentClusterState>(_ => Report());
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterStatusActor());

    protected override void PreStart() =>
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => cluster.Unsubscribe(Self);

    private void Report()
    {
        var state = cluster.State;
        var up = state.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address.HostPort()).Order();
        var unreachable = state.Unreachable.Select(m => m.Address.HostPort()).Order();
        var line = $"up=[{string.Join(',', up)}] unreachable=[{string.Join(',', unreachable)}]";
        if (line != last)
        {
            last = line;
            log.Info("CLUSTER {0} sees {1}", cluster.SelfAddress.HostPort(), line);
        }
    }
}
