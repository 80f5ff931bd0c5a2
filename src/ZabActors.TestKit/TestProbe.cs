using ZabActors.Actors;

namespace ZabActors.TestKit;

/// <summary>
/// An extra test actor with its own message queue and the full expectation API, sharing the test's
/// system. Use one per peer a conversation test plays by hand.
/// </summary>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, TimeSpan defaultTimeout, string? name)
        : base(system, defaultTimeout, name)
    {
    }

    /// <summary>The probe's actor ref (same as <see cref="TestKitBase.TestActor"/>).</summary>
    public IActorRef Ref => TestActor;

    /// <summary>Sends <paramref name="message"/> to the probe with <paramref name="sender"/> as sender.</summary>
    public void Tell(object message, IActorRef? sender = null)
    {
        Ref.Tell(message, sender);
        RunIfVirtual();
    }

    public override string ToString() => $"TestProbe({Ref.Path})";
}
