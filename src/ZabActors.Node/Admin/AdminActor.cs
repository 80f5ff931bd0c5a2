using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using Microsoft.Extensions.Logging;
using ZabActors.Node.Configuration;
using ZabActors.Node.StateMachine;
using ZabActors.Quorum;
using ZabState = ZabActors.Zab.ZabState;

namespace ZabActors.Node.Admin;

/// <summary>
/// A node's admin endpoint (<c>/user/admin</c>, the one path the node lets remote tools select): it
/// forwards <see cref="GetPeerStatus"/> and <see cref="ClientWrite"/> to the peer (the peer answers the
/// original sender), answers <see cref="GetNodeStatus"/> with the peer's status and the Zab phase the
/// peer last published, reads the applied history, and, when test hooks are on, blackholes the links
/// to other servers with Akka.Remote's throttler and heals them. Once the node is shutting down it
/// refuses new writes. Its creator subscribes it to <see cref="PeerStateChanged"/> before the peer exists.
/// </summary>
internal sealed class AdminActor : ReceiveActor
{
    /// <summary>At most this many history entries travel in one reply, to stay far below the frame limit.</summary>
    public const int MaxHistoryEntries = 2000;

    /// <summary>The payload bytes one history reply carries at most, well below the 128000-byte remoting frame.</summary>
    public const long MaxHistoryBytes = 64 * 1024;

    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);
    private readonly long myId;
    private readonly EnsembleDirectory directory;
    private readonly bool testHooks;
    private readonly ILogger log;
    private readonly HashSet<long> partitioned = [];
    private IActorRef? peer;
    private ZabState phase = ZabState.Election;
    private bool stopping;

    public AdminActor(long myId, AppendLogStateMachineHolder machine, EnsembleDirectory directory, bool testHooks, ILoggerFactory loggerFactory)
    {
        this.myId = myId;
        this.directory = directory;
        this.testHooks = testHooks;
        log = loggerFactory.CreateLogger("ZabActors.Node.Admin");
        Receive<AttachPeer>(attach => peer = attach.Peer);
        Receive<GetPeerStatus>(status => ToPeer(status));
        Receive<GetNodeStatus>(_ => OnGetNodeStatus());
        Receive<PeerStateChanged>(changed =>
        {
            if (changed.Sid == myId)
            {
                phase = changed.Phase;
            }
        });
        Receive<ClientWrite>(OnWrite);
        Receive<GetHistory>(get => Sender.Tell(machine.ReadHistory(get.After, Math.Clamp(get.MaxEntries, 0, MaxHistoryEntries), MaxHistoryBytes), Self));
        Receive<PartitionFrom>(OnPartition);
        Receive<HealPartitions>(_ => OnHeal());
        Receive<StopAcceptingWrites>(_ =>
        {
            stopping = true;
            Sender.Tell(AdminAck.Instance, Self);
        });
    }

    public static Props Props(long myId, AppendLogStateMachineHolder machine, EnsembleDirectory directory, bool testHooks, ILoggerFactory loggerFactory) =>
        Akka.Actor.Props.Create(() => new AdminActor(myId, machine, directory, testHooks, loggerFactory));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void ToPeer(object message)
    {
        if (peer is null)
        {
            Sender.Tell(new AdminRefused($"server {myId} is still starting"), Self);
            return;
        }
        peer.Forward(message);
    }

    private void OnGetNodeStatus()
    {
        if (peer is null)
        {
            Sender.Tell(new AdminRefused($"server {myId} is still starting"), Self);
            return;
        }
        var observed = phase;
        var replyTo = Sender;
        // The status is read from the peer; the reply is composed off the actor, which only remembers the phase.
        peer.Ask<PeerStatus>(GetPeerStatus.Instance, PeerTimeout).ContinueWith(
            t => replyTo.Tell(t.IsCompletedSuccessfully ? new NodeStatus(t.Result, observed) : new AdminRefused($"server {myId}'s peer did not answer"), ActorRefs.NoSender),
            TaskScheduler.Default);
    }

    private void OnWrite(ClientWrite write)
    {
        if (stopping)
        {
            Sender.Tell(new WriteFailed(write.RequestId, "the server is shutting down"), Self);
            return;
        }
        ToPeer(write);
    }

    private void OnPartition(PartitionFrom partition)
    {
        if (Refused() is { } refusal)
        {
            Sender.Tell(refusal, Self);
            return;
        }
        var unknown = partition.ServerIds.Where(sid => !directory.TryGetAddress(sid, out _) || sid == myId).ToList();
        if (unknown.Count > 0)
        {
            Sender.Tell(new AdminRefused($"servers {string.Join(", ", unknown)} are not other servers of the ensemble"), Self);
            return;
        }
        partitioned.UnionWith(partition.ServerIds);
        log.LogWarning("test hook: partitioned from servers {Servers}", string.Join(", ", partition.ServerIds));
        Throttle(partition.ServerIds, Blackhole.Instance, Sender);
    }

    private void OnHeal()
    {
        if (Refused() is { } refusal)
        {
            Sender.Tell(refusal, Self);
            return;
        }
        log.LogWarning("test hook: healed the partition from servers {Servers}", string.Join(", ", partitioned));
        var healed = partitioned.ToList();
        partitioned.Clear();
        Throttle(healed, Unthrottled.Instance, Sender);
    }

    // One-sided is enough for a cut both ways: Direction.Both drops what this node sends and what it receives.
    private void Throttle(IEnumerable<long> servers, ThrottleMode mode, IActorRef replyTo)
    {
        var transport = ((RemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Transport;
        var commands = servers
            .Select(sid => transport.ManagementCommand(new SetThrottle(directory.AddressOf(sid), ThrottleTransportAdapter.Direction.Both, mode)))
            .ToList();
        Task.WhenAll(commands).ContinueWith(
            t => replyTo.Tell(t.IsCompletedSuccessfully && t.Result.All(ok => ok) ? AdminAck.Instance : new AdminRefused("the throttler refused the command"), ActorRefs.NoSender),
            TaskScheduler.Default);
    }

    private AdminRefused? Refused() =>
        testHooks ? null : new AdminRefused("test hooks are off on this server (zab.node.test-hooks = on enables them)");

    /// <summary>Hands the admin actor the peer, created after the admin actor was subscribed to its phase changes.</summary>
    public sealed record AttachPeer(IActorRef Peer);
}

/// <summary>Tells the admin actor to refuse new writes from now on (the node is shutting down); it answers <see cref="AdminAck"/>.</summary>
internal sealed record StopAcceptingWrites
{
    public static readonly StopAcceptingWrites Instance = new();
}
