using Akka.Actor;
using ZabActors.Quorum;

namespace ZabActors.Node.Hosting;

/// <summary>
/// Owns the process's view of its peer's end: it watches the peer and hears its
/// <see cref="PeerStorageFailed"/>, and completes a task when the peer terminates, with the storage
/// failure when that is why it stopped, so the process can act on it from outside the actor system.
/// </summary>
/// <remarks>
/// The host subscribes this actor to the event stream before it creates the peer, and the peer
/// publishes <see cref="PeerStorageFailed"/> before it stops, so the event is in this mailbox ahead
/// of the <see cref="Terminated"/> that follows it.
/// </remarks>
internal sealed class PeerWatcher : ReceiveActor
{
    private PeerStorageFailed? storageFailure;
    private IActorRef watched = ActorRefs.Nobody;

    public PeerWatcher(long myId, TaskCompletionSource<PeerStorageFailed?> terminated)
    {
        Receive<WatchPeer>(watch =>
        {
            watched = watch.Peer;
            Context.Watch(watch.Peer);
        });
        Receive<PeerStorageFailed>(failed =>
        {
            if (failed.Sid == myId)
            {
                storageFailure ??= failed;
            }
        });
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(watched))
            {
                terminated.TrySetResult(storageFailure);
            }
        });
    }

    public static Props Props(long myId, TaskCompletionSource<PeerStorageFailed?> terminated) =>
        Akka.Actor.Props.Create(() => new PeerWatcher(myId, terminated));

    /// <summary>Starts watching the peer, created after this actor was subscribed.</summary>
    public sealed record WatchPeer(IActorRef Peer);
}
