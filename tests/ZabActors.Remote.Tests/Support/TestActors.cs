using ZabActors.Actors;

namespace ZabActors.Remote.Tests.Support;

/// <summary>Answers every message to its sender, unchanged; a <c>"fail"</c> string is answered with a Status.Failure.</summary>
public sealed class Echo : ReceiveActor
{
    public Echo()
    {
        Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("echo refused")), Self));
        ReceiveAny(m => Sender.Tell(m, Self));
    }

    public static Props Props() => Actors.Props.Create<Echo>();
}

/// <summary>Sends <c>"hello from &lt;name&gt;"</c> to every actor ref it receives as a message (or inside an Introduce).</summary>
public sealed class Greeter : ReceiveActor
{
    public Greeter()
    {
        Receive<IActorRef>(r => r.Tell($"hello from {Self.Path.Name}", Self));
        Receive<Introduce>(i => i.Who.Tell($"hello from {Self.Path.Name}", Self));
    }

    public static Props Props() => Actors.Props.Create<Greeter>();
}

/// <summary>Forwards everything to <paramref name="target"/>, keeping the original sender.</summary>
public sealed class Forwarder : ReceiveActor
{
    public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));

    public static Props Props(IActorRef target) => Actors.Props.Create(() => new Forwarder(target));
}

/// <summary>
/// Records the sequence numbers of the <see cref="TestMessage"/>s it receives and completes
/// <see cref="Done"/> once <paramref name="expected"/> have arrived.
/// </summary>
public sealed class SequenceCollector : ReceiveActor
{
    public SequenceCollector(List<long> sequences, int expected, TaskCompletionSource done)
    {
        Receive<TestMessage>(m =>
        {
            sequences.Add(m.Sequence);
            if (sequences.Count == expected) done.TrySetResult();
        });
    }

    public static Props Props(List<long> sequences, int expected, TaskCompletionSource done) =>
        Actors.Props.Create(() => new SequenceCollector(sequences, expected, done));
}
