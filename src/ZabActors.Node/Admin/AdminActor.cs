using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Node.Networking;
using ZabActors.Node.StateMachine;
using ZabActors.Quorum;
using ZabActors.Remote;

namespace ZabActors.Node.Admin;

/// <summary>
/// A node's admin endpoint (<c>/user/admin</c>), reached by the command-line tools over remoting: it
/// forwards <see cref="GetPeerStatus"/> and <see cref="ClientWrite"/> to the peer (the peer answers
/// the original sender), reads the applied history, and, when test hooks are on, partitions this node
/// from other servers and heals it. Once the node is shutting down it refuses new writes.
/// </summary>
internal sealed class AdminActor : ReceiveActor
{
    /// <summary>At most this many history entries travel in one reply, to stay far below the frame limit.</summary>
    public const int MaxHistoryEntries = 2000;

    private readonly IActorRef peer;
    private readonly AppendLogStateMachineHolder machine;
    private readonly EnsembleDirectory directory;
    private readonly bool testHooks;
    private readonly HashSet<long> partitioned = [];
    private bool stopping;

    public AdminActor(IActorRef peer, AppendLogStateMachineHolder machine, EnsembleDirectory directory, bool testHooks)
    {
        this.peer = peer;
        this.machine = machine;
        this.directory = directory;
        this.testHooks = testHooks;
        Receive<GetPeerStatus>(status => peer.Forward(status));
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

    public static Props Props(IActorRef peer, AppendLogStateMachineHolder machine, EnsembleDirectory directory, bool testHooks) =>
        Actors.Props.Create(() => new AdminActor(peer, machine, directory, testHooks));

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
        var unknown = partition.ServerIds.Where(sid => !directory.TryGetAddress(sid, out _)).ToList();
        if (unknown.Count > 0)
        {
            Sender.Tell(new AdminRefused($"servers {string.Join(", ", unknown)} are not in the ensemble"), Self);
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
