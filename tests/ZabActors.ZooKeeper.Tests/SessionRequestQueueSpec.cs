using ZabActors.ZooKeeper.Server;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>Per-session order: reads after a write wait for its commit; writes go one at a time per session.</summary>
public sealed class SessionRequestQueueSpec
{
    [Fact]
    public void Reads_before_a_write_go_at_once_and_reads_after_it_wait_for_its_commit()
    {
        var queue = new SessionRequestQueue<string>(16);
        queue.Enqueue(1, "get a", false);
        queue.Enqueue(2, "set a", true);
        queue.Enqueue(3, "get a", false);

        Assert.Equal([(1, "get a", false), (2, "set a", true)], queue.TakeReady());
        Assert.Empty(queue.TakeReady());
        Assert.True(queue.Complete(2));
        Assert.Equal([(3, "get a", false)], queue.TakeReady());
    }

    [Fact]
    public void Only_the_submitted_head_write_completes()
    {
        var queue = new SessionRequestQueue<string>(16);
        queue.Enqueue(1, "set", true);
        queue.Enqueue(2, "set", true);
        queue.TakeReady();

        Assert.False(queue.Complete(2));
        Assert.True(queue.Complete(1));
        Assert.Equal([(2, "set", true)], queue.TakeReady());
    }

    [Fact]
    public void A_full_queue_refuses_more()
    {
        var queue = new SessionRequestQueue<string>(2);

        Assert.True(queue.Enqueue(1, "a", true));
        Assert.True(queue.Enqueue(2, "b", false));
        Assert.False(queue.Enqueue(3, "c", false));
        Assert.Equal(2, queue.Clear().Count);
    }
}
