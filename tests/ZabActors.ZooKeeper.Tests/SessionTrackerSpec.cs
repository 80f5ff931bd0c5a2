using ZabActors.ZooKeeper.Sessions;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>Session deadlines in tick-sized buckets, touches, closing, and ids, as ZooKeeper's tracker keeps them.</summary>
public sealed class SessionTrackerSpec
{
    private const long Tick = 2000;

    [Fact]
    public void A_session_expires_in_the_first_tick_bucket_after_its_timeout()
    {
        var tracker = new SessionTracker(1, Tick, nowMs: 0);
        tracker.Add(10, 6000, nowMs: 100);

        Assert.Equal(8000, tracker.NextExpiration);
        Assert.Empty(tracker.Expire(7999));
        Assert.Equal([10L], tracker.Expire(8000));
        Assert.False(tracker.IsActive(10));
    }

    [Fact]
    public void A_touch_pushes_the_deadline_and_a_closing_session_cannot_be_touched()
    {
        var tracker = new SessionTracker(1, Tick, nowMs: 0);
        tracker.Add(10, 6000, nowMs: 0);

        Assert.True(tracker.Touch(10, nowMs: 5000));
        Assert.Empty(tracker.Expire(10_000));
        tracker.SetClosing(10);

        Assert.False(tracker.Touch(10, nowMs: 10_500));
        Assert.Empty(tracker.Expire(60_000));
    }

    [Fact]
    public void An_expired_session_is_reported_once()
    {
        var tracker = new SessionTracker(1, Tick, nowMs: 0);
        tracker.Add(10, 4000, 0);

        Assert.Single(tracker.Expire(6000));
        Assert.Empty(tracker.Expire(100_000));
    }

    [Fact]
    public void Ids_carry_the_server_id_in_the_top_byte_and_ascend()
    {
        var tracker = new SessionTracker(3, Tick, nowMs: 1_700_000_000_000);

        var a = tracker.NextSessionId();
        var b = tracker.NextSessionId();

        Assert.Equal(3, a >> 56);
        Assert.Equal(a + 1, b);
        Assert.NotEqual(SessionTracker.InitialSessionId(3, 1_700_000_000_000), SessionTracker.InitialSessionId(3, 1_700_000_001_000));
    }

    [Theory]
    [InlineData(1000, 4000)]
    [InlineData(10_000, 10_000)]
    [InlineData(100_000, 40_000)]
    public void Timeouts_are_clamped_to_two_and_twenty_ticks(int requested, int granted)
    {
        Assert.Equal(granted, SessionTimeouts.Negotiate(requested, 2 * (int)Tick, 20 * (int)Tick));
    }
}
