using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Remote;
using ZabActors.Zab;

namespace ZabActors.Node.Networking;

/// <summary>
/// The inbound end of a node's <see cref="RemoteQuorumNetwork"/> (at <c>/user/zab-network</c>, after
/// ZooKeeper's QuorumCnxManager): it receives the other nodes' election notifications and connection
/// frames, authenticates each by its sender's address (the handshake tied that address to a server
/// id), and hands them to the network. It also turns remoting's lifecycle events into closed
/// connections: a broken association, a node declared terminated or a failed connection attempt may
/// have lost frames, and a frame that became a dead letter here never left.
/// </summary>
internal sealed class QuorumNetworkActor : ReceiveActor
{
    private readonly RemoteQuorumNetwork network;
    private readonly EnsembleDirectory directory;
    private long strangers;

    public QuorumNetworkActor(RemoteQuorumNetwork network, EnsembleDirectory directory)
    {
        this.network = network;
        this.directory = directory;
        Receive<Notification>(n => FromServer(sid => network.OnElection(sid, n), n));
        Receive<OpenConnection>(open => FromServer(sid => network.OnOpen(sid, open), open));
        Receive<ConnectionPacket>(packet => FromServer(sid => network.OnPacket(sid, packet), packet));
        Receive<CloseConnection>(close => FromServer(sid => network.OnClose(sid, close), close));
        Receive<DisassociatedEvent>(e => PeerLost(e.RemoteAddress, $"disassociated: {e.Reason}"));
        Receive<AddressTerminated>(e => PeerLost(e.Address, $"terminated: {e.Reason}"));
        Receive<AssociationErrorEvent>(e => PeerLost(e.RemoteAddress, $"association failed: {e.Reason}"));
        Receive<DeadLetter>(OnDeadLetter);
    }

    public static Props Props(RemoteQuorumNetwork network, EnsembleDirectory directory) =>
        Actors.Props.Create(() => new QuorumNetworkActor(network, directory));

    protected override void PreStart()
    {
        network.Attach(Self);
        var events = Context.System.EventStream;
        events.Subscribe(Self, typeof(DisassociatedEvent));
        events.Subscribe(Self, typeof(AddressTerminated));
        events.Subscribe(Self, typeof(AssociationErrorEvent));
        events.Subscribe(Self, typeof(DeadLetter));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void FromServer(Action<long> handle, object frame)
    {
        if (directory.TryGetSid(Sender, out var sid))
        {
            handle(sid);
            return;
        }
        // Membership is checked at the handshake; this is a tool or a node configured differently.
        if (strangers++ % 100 == 0)
            Log.LogWarning("{Frame} from {Sender}, which is not a server of the ensemble, dropped ({Count} so far)",
                frame.GetType().Name, Sender.Path, strangers);
    }

    private void PeerLost(RemoteAddress address, string reason)
    {
        if (directory.TryGetSid(address, out var sid))
            network.OnPeerLost(sid, reason);
    }

    private void OnDeadLetter(DeadLetter dead)
    {
        var key = dead.Message switch
        {
            ConnectionPacket packet => packet.Key,
            OpenConnection open => open.Key,
            _ => (ConnectionKey?)null,
        };
        // Only frames this node sent: the recipient is another node's network actor.
        if (key is { } k && !dead.Recipient.Path.Address.Equals(Self.Path.Address))
            network.OnUndelivered(k, dead.Message.GetType().Name);
    }
}
