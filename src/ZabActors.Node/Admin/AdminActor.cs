using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Node.Networking;
using ZabActors.Node.StateMachine;
using ZabActors.Quorum;
using ZabActors.Remote;
using ZabState = ZabActors.Zab.ZabState;

namespace ZabActors.Node.Admin;

/// <summary>
/// A node's admin endpoint (<c>/user/admin</c>), reached by the command-line tools over remoting: it
/// forwards <see cref="GetPeerStatus"/> and <see cref="ClientWrite"/> to the peer (the peer answers
/// the original sender), answers <see cref="GetNodeStatus"/> with the peer's status and the Zab phase
/// the peer last published, reads the applied history, and, when test hooks are on, partitions this
/// node from other servers and heals it. Once the node is shutting down it refuses new writes.
/// Its creator subscribes it to <see cref="PeerStateChanged"/> before the peer can reach a new phase.
/// </summary>
internal sealed class AdminActor : ReceiveActor
{
    /// <summary>At most this many history entries travel in one reply, to stay far below the frame limit.</summary>
    public const int MaxHistoryEntries = 2000;

    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);
    private readonly long myId;
    private readonly IActorRef peer;
    private readonly EnsembleDirectory directory;
    private readonly bool testHooks;
    private readonly HashSet<long> partitioned = [];
    private ZabState phase = ZabState.Election;
    private bool stopping;

    public AdminActor(long myId, IActorRef peer, AppendLogStateMachineHolder machine, EnsembleDirectory directory, bool testHooks)
    {
        this.myId = myId;
        this.peer = peer;
        this.directory = directory;
        this.testHooks = testHooks;
        Receive<GetPeerStatus>(status => peer.Forward(status));
        Receive<GetNodeStatus>(_ => OnGetNodeStatus());
        Receive<PeerStateChanged>(changed =>
        {
            if (changed.Sid == myId)
                phase = changed.Phase;
        });
        Receive<ClientWrite>(OnWrite);
        Receive<GetHistory>(get => Sender.Tell(machine.ReadHistory(get.After, Math.Clamp(get.MaxEntries, 0, MaxHistoryEntries)), Self));
        Receive<PartitionFrom>(OnPartition);
        Receive<HealPartitions>(_ => OnHeal());
        Receive<StopAcceptingWrites>(_ =>
        {
            stopping = true;
            Sender.Tell(AdminAck.Instance, Self);
        });
    }

    public static Props Props(long myId, IActorRef peer, AppendLogStateMachineHolder machine, EnsembleDirectory directory, bool testHooks) =>
        Actors.Props.Create(() => new AdminActor(myId, peer, machine, directory, testHooks));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnGetNodeStatus()
    {
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
        peer.Forward(write);
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
        var remoting = Context.System.GetRemoting();
        foreach (var sid in partition.ServerIds)
        {
            remoting.Partition(directory.AddressOf(sid).ToActorAddress());
            partitioned.Add(sid);
        }
        Log.LogWarning("test hook: partitioned from servers {Servers}", string.Join(", ", partition.ServerIds));
        Sender.Tell(AdminAck.Instance, Self);
    }

    private void OnHeal()
    {
        if (Refused() is { } refusal)
        {
            Sender.Tell(refusal, Self);
            return;
        }
        var remoting = Context.System.GetRemoting();
        foreach (var sid in partitioned)
            remoting.Heal(directory.AddressOf(sid).ToActorAddress());
        Log.LogWarning("test hook: healed the partition from servers {Servers}", string.Join(", ", partitioned));
        partitioned.Clear();
        Sender.Tell(AdminAck.Instance, Self);
    }

    private AdminRefused? Refused() =>
        testHooks ? null : new AdminRefused("test hooks are off on this server (zab.node.test-hooks = on enables them)");
}

/// <summary>Tells the admin actor to refuse new writes from now on (the node is shutting down); it answers <see cref="AdminAck"/>.</summary>
internal sealed record StopAcceptingWrites
{
    public static readonly StopAcceptingWrites Instance = new();
}
