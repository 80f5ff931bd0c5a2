using ZabActors.Actors;

namespace ZabActors.TestKit.Tests;

/// <summary>Replies every message to its sender; "delay:N:msg" replies msg after N seconds (on the system scheduler).</summary>
internal sealed class Echo : ReceiveActor, IWithTimers
{
    public Echo()
    {
        Receive<string>(s => s.StartsWith("delay:"), s =>
        {
            var parts = s.Split(':', 3);
            Timers.StartSingleTimer(parts[2], new Delayed(parts[2], Sender), TimeSpan.FromSeconds(double.Parse(parts[1])));
        });
        Receive<Delayed>(d => d.ReplyTo.Tell(d.Message));
        ReceiveAny(m => Sender.Tell(m));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record Delayed(string Message, IActorRef ReplyTo);
}
