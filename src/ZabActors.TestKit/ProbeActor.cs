using ZabActors.Actors;

namespace ZabActors.TestKit;

/// <summary>
/// The actor behind a test probe: it queues everything it receives (Terminated included) for the
/// test to inspect, and carries out the probe's watch requests from inside the actor.
/// </summary>
internal sealed class ProbeActor : ActorBase
{
    private readonly MessageQueue _queue;

    public ProbeActor(MessageQueue queue)
    {
        _queue = queue;
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand watch:
                Context.Watch(watch.Target);
                break;
            case UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Target);
                break;
            default:
                _queue.Enqueue(new ReceivedMessage(message, Sender));
                break;
        }
        return true;
    }

    /// <summary>Asks the probe actor to watch <see cref="Target"/>.</summary>
    internal sealed record WatchCommand(IActorRef Target);

    /// <summary>Asks the probe actor to stop watching <see cref="Target"/>.</summary>
    internal sealed record UnwatchCommand(IActorRef Target);
}
