namespace ZabActors.Zab;

// The election for the peer's whole life: notifications in, the election clock, PeerConnected for a
// voter heard first or again after a silence (ZooKeeper's connection manager re-sends its last vote on
// a new connection), and the Decided that starts a role.
public sealed partial class QuorumPeer
{
    private readonly Dictionary<long, TimeSpan> lastHeard = [];
    private TimeSpan electionClockAt;

    private void OnNotification(NotificationReceived received)
    {
        if (!config.Verifier.IsMember(received.FromSid))
        {
            Emit(new ProtocolViolation(received.FromSid, "notification from a non-member"));
            return;
        }
        var first = !lastHeard.TryGetValue(received.FromSid, out var heard) || now - heard >= options.ReconnectSilence;
        lastHeard[received.FromSid] = now;
        AdvanceElectionClock();
        if (first)
        {
            election.Step(new PeerConnected(received.FromSid));
        }
        // The network authenticated the sender; the notification's own claim does not count.
        StepElection(received.Notification with { Sid = received.FromSid });
    }

    private void StepElection(IElectionInput input)
    {
        AdvanceElectionClock();
        election.Step(input);
        CarryOutElection();
    }

    /// <summary>Feeds the election the time passed since it last saw the clock, in whole milliseconds.</summary>
    private void AdvanceElectionClock()
    {
        var elapsedMs = (long)(now - electionClockAt).TotalMilliseconds;
        if (elapsedMs <= 0)
        {
            return;
        }
        electionClockAt += TimeSpan.FromMilliseconds(elapsedMs);
        election.Tick(elapsedMs);
    }

    private void CarryOutElection()
    {
        var ready = election.TakeOutputs();
        foreach (var envelope in ready.Send)
        {
            Send(new SendNotification(envelope.To, (Notification)envelope.Message));
        }
        foreach (var evt in ready.Events)
        {
            switch (evt)
            {
                case Decided decided:
                    OnDecided(decided);
                    break;
                case ProtocolViolation violation:
                    Emit(violation);
                    break;
                case ZabStateChanged:
                    break;
                default:
                    throw new InvalidOperationException($"unexpected election event {evt}");
            }
        }
    }

    /// <summary>At least one millisecond ahead, so a due timer always moves the election clock forward.</summary>
    private TimeSpan? ElectionDeadline() => election.DueInMs is { } dueMs
        ? electionClockAt + TimeSpan.FromMilliseconds(Math.Max(1, dueMs))
        : null;
}
