using ZabActors.Actors;
using ZabActors.Quorum;

namespace ZabActors.Simulation.Workload;

/// <summary>
/// The sender of client writes to one peer incarnation: a mailbox-less ref that hands replies to the
/// workload at once. Replies from a crashed incarnation are dropped, as a dead server answers nobody.
/// </summary>
internal sealed class ClientReplyRef : MinimalActorRef
{
    private readonly ActorSystem system;
    private readonly PeerIncarnation incarnation;
    private readonly ClientWorkload workload;

    public ClientReplyRef(ActorSystem system, PeerIncarnation incarnation, ClientWorkload workload)
    {
        this.system = system;
        this.incarnation = incarnation;
        this.workload = workload;
        Path = system.Provider.RootPath / "simulation-client";
    }

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider => system.Provider;

    public override void Tell(object message, IActorRef? sender)
    {
        if (!incarnation.Alive) return;
        switch (message)
        {
            case WriteCommitted committed:
                workload.OnCommitted(incarnation.Sid, committed);
                break;
            case WriteFailed failed:
                workload.OnFailed(incarnation.Sid, failed);
                break;
        }
    }
}
