using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>
/// Logs this node's view of the cluster (members up, members unreachable) whenever it changes. It
/// keeps that view itself from the events, in their order, because Cluster.State is updated by
/// another subscriber and may lag behind the event being handled.
/// </summary>
public sealed class ClusterStatusActor : ReceiveActor
{
    private readonly Cluster cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<UniqueAddress, Member> members = [];
    private readonly HashSet<UniqueAddress> unreachable = [];
    private string? last;

    public ClusterStatusActor()
    {
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            members.Clear();
            unreachable.Clear();
            foreach (var member in state.Members)
            {
                members[member.UniqueAddress] = member;
            }
            unreachable.UnionWith(state.Unreachable.Select(m => m.UniqueAddress));
            Report();
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            members.Remove(removed.Member.UniqueAddress);
            unreachable.Remove(removed.Member.UniqueAddress);
            Report();
        });
        Receive<ClusterEvent.IMemberEvent>(changed =>
        {
            members[changed.Member.UniqueAddress] = changed.Member;
            Report();
        });
        Receive<ClusterEvent.UnreachableMember>(e =>
        {
            unreachable.Add(e.Member.UniqueAddress);
            Report();
        });
        Receive<ClusterEvent.ReachableMember>(e =>
        {
            unreachable.Remove(e.Member.UniqueAddress);
            Report();
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterStatusActor());

    protected override void PreStart() =>
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => cluster.Unsubscribe(Self);

    private void Report()
    {
        var up = members.Values.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address.HostPort()).Order();
        var cut = members.Values.Where(m => unreachable.Contains(m.UniqueAddress)).Select(m => m.Address.HostPort()).Order();
        var line = $"up=[{string.Join(',', up)}] unreachable=[{string.Join(',', cut)}]";
        if (line != last)
        {
            last = line;
            log.Info("CLUSTER {0} sees {1}", cluster.SelfAddress.HostPort(), line);
        }
    }
}
