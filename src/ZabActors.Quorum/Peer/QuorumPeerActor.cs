using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>The root of one peer's supervision tree (work in progress: only answers status so far).</summary>
public sealed class QuorumPeerActor : ReceiveActor
{
    public QuorumPeerActor(QuorumPeerSettings settings, IPeerStorage storage, IQuorumNetwork network, Func<IStateMachine> stateMachineFactory)
    {
        Receive<GetPeerStatus>(_ => Sender.Tell(
            new PeerStatus(settings.MyId, ServerState.Looking, storage.Epochs.AcceptedEpoch, storage.Epochs.CurrentEpoch, storage.Log.LastZxid, Zxid.Zero, null),
            Self));
    }

    public static Props Props(QuorumPeerSettings settings, IPeerStorage storage, IQuorumNetwork network, Func<IStateMachine> stateMachineFactory) =>
        Actors.Props.Create(() => new QuorumPeerActor(settings, storage, network, stateMachineFactory));
}
