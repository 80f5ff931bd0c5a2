using ZabActors.Actors;

namespace ZabActors.Node.Hosting;

/// <summary>Completes a task when the watched actor terminates, so the process can wait for its peer from outside the actor system.</summary>
internal sealed class TerminationWatcher : ReceiveActor
{
    public TerminationWatcher(IActorRef watched, TaskCompletionSource terminated)
    {
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(watched))
                terminated.TrySetResult();
        });
        Context.Watch(watched);
    }

    public static Props Props(IActorRef watched, TaskCompletionSource terminated) =>
        Actors.Props.Create(() => new TerminationWatcher(watched, terminated));
}
