using System.Threading.Channels;
using ZabActors.Actors;

namespace ZabActors.Remote.Tests.Support;

/// <summary>
/// A test actor on any system (the TestKit's probes live on the kit's own system, which has no remoting):
/// it queues what it receives, with the sender, and the test awaits the next message with a generous
/// bound instead of sleeping. It watches on request, so Terminated arrives like any other message.
/// </summary>
public sealed class ActorProbe
{
    private readonly Channel<(object Message, IActorRef Sender)> _received = Channel.CreateUnbounded<(object, IActorRef)>();

    private ActorProbe(ActorSystem system, string name)
    {
        Ref = system.ActorOf(Props.Create(() => new ProbeActor(_received.Writer)), name);
    }

    public IActorRef Ref { get; }

    /// <summary>The sender of the message taken last.</summary>
    public IActorRef? LastSender { get; private set; }

    public static ActorProbe Create(ActorSystem system, string name = "probe") => new(system, name);

    /// <summary>Takes the next message, which must be a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(Func<T, bool>? predicate = null)
    {
        var (message, sender) = await NextAsync($"a {typeof(T).Name}");
        LastSender = sender;
        if (message is T typed && (predicate is null || predicate(typed)))
            return typed;
        throw new Xunit.Sdk.XunitException($"expected a matching {typeof(T).Name} but got {message} from {sender}");
    }

    /// <summary>Skips messages until one is a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public async Task<T> FishForAsync<T>(Func<T, bool>? predicate = null)
    {
        var skipped = new List<object>();
        while (true)
        {
            var (message, sender) = await NextAsync($"a {typeof(T).Name} (skipped: {string.Join(", ", skipped)})");
            if (message is T typed && (predicate is null || predicate(typed)))
            {
                LastSender = sender;
                return typed;
            }
            skipped.Add(message);
        }
    }

    /// <summary>Makes the probe watch <paramref name="target"/> from inside the actor; returns once the watch is placed.</summary>
    public async Task WatchAsync(IActorRef target)
    {
        Ref.Tell(new WatchCommand(target), ActorRefs.NoSender);
        await ExpectMsgAsync<WatchPlaced>(w => w.Target.Equals(target));
    }

    public async Task UnwatchAsync(IActorRef target)
    {
        Ref.Tell(new UnwatchCommand(target), ActorRefs.NoSender);
        await ExpectMsgAsync<WatchPlaced>(w => w.Target.Equals(target));
    }

    /// <summary>True when a message is queued right now (no waiting).</summary>
    public bool HasMessage => _received.Reader.TryPeek(out _);

    private async Task<(object Message, IActorRef Sender)> NextAsync(string what)
    {
        try
        {
            return await _received.Reader.ReadAsync().AsTask().WaitAsync(Waiting.Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"probe {Ref.Path} waited {Waiting.Timeout.TotalSeconds}s for {what}");
        }
    }

    private sealed record WatchCommand(IActorRef Target);

    private sealed record UnwatchCommand(IActorRef Target);

    /// <summary>Confirms a watch or unwatch request was carried out.</summary>
    private sealed record WatchPlaced(IActorRef Target);

    private sealed class ProbeActor(ChannelWriter<(object, IActorRef)> received) : ActorBase
    {
        protected override bool Receive(object message)
        {
            switch (message)
            {
                case WatchCommand watch:
                    Context.Watch(watch.Target);
                    received.TryWrite((new WatchPlaced(watch.Target), Self));
                    break;
                case UnwatchCommand unwatch:
                    Context.Unwatch(unwatch.Target);
                    received.TryWrite((new WatchPlaced(unwatch.Target), Self));
                    break;
                default:
                    received.TryWrite((message, Sender));
                    break;
            }
            return true;
        }
    }
}
