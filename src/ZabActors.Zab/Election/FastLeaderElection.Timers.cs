namespace ZabActors.Zab;

// Election timers: re-sending our vote with exponential back-off and the finalize wait.
public sealed partial class FastLeaderElection
{
    // After a long pause the back-off catches up at most this many doublings at once.
    private const int ResendCatchUpMax = 64;

    private long nowMs;
    private long notificationDeadlineMs;
    private long? finalizeDeadlineMs;

    /// <summary>Advances this peer's election clock; the driver calls it at least when <see cref="DueInMs"/> elapses.</summary>
    public void Tick(long elapsedMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elapsedMs);
        nowMs += elapsedMs;
        if (started && State == ServerState.Looking)
        {
            if (finalizeDeadlineMs is { } deadline)
            {
                if (nowMs >= deadline)
                {
                    // No better vote arrived while we waited: the quorum's choice stands.
                    Decide(proposedLeader, new Vote(proposedLeader, proposedZxid, LogicalClock, proposedEpoch));
                }
            }
            else
            {
                ResendIfSilent();
            }
        }
        DeliverToSelf();
    }

    private void ResendIfSilent()
    {
        for (var i = 0; nowMs >= notificationDeadlineMs && i < ResendCatchUpMax; i++)
        {
            SendNotifications();
            NotificationIntervalMs = Math.Min(NotificationIntervalMs * 2, timing.MaxNotificationIntervalMs);
            notificationDeadlineMs += NotificationIntervalMs;
        }
        if (nowMs >= notificationDeadlineMs)
        {
            notificationDeadlineMs = nowMs + NotificationIntervalMs;
        }
    }
}
